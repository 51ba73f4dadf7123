package io.github.kvchart.aibrix.core.netpol;

import java.util.List;
import java.util.Map;

/**
 * One pod as a NetworkPolicy sees it: its namespace and that namespace's labels, its own labels,
 * its IP when known, and its container ports (for ports a policy names).
 *
 * @param ip the pod IP, or null when unknown (as for every pod in a manifest)
 */
public record Endpoint(
    String namespace,
    Map<String, String> namespaceLabels,
    Map<String, String> labels,
    String ip,
    List<ContainerPort> ports) {

  /** A declared container port. */
  public record ContainerPort(String name, int port, String protocol) {}

  public Endpoint {
    namespaceLabels = Map.copyOf(namespaceLabels);
    labels = Map.copyOf(labels);
    ports = List.copyOf(ports);
  }

  /** A pod in {@code namespace}, whose namespace carries only its automatic name label. */
  public static Endpoint pod(String namespace, Map<String, String> labels) {
    return new Endpoint(namespace, namespaceLabels(namespace, Map.of()), labels, null, List.of());
  }

  /** A namespace's labels: its own plus the automatic kubernetes.io/metadata.name. */
  public static Map<String, String> namespaceLabels(String namespace, Map<String, String> own) {
    Map<String, String> labels = new java.util.HashMap<>(own);
    labels.put("kubernetes.io/metadata.name", namespace);
    return labels;
  }

  public Endpoint withIp(String address) {
    return new Endpoint(namespace, namespaceLabels, labels, address, ports);
  }

  public Endpoint withPorts(List<ContainerPort> containerPorts) {
    return new Endpoint(namespace, namespaceLabels, labels, ip, containerPorts);
  }
}
