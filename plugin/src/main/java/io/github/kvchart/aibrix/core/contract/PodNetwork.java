package io.github.kvchart.aibrix.core.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.netpol.Endpoint;
import io.github.kvchart.aibrix.core.netpol.NetworkPolicyEvaluator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network view of one set of documents: its NetworkPolicies (for the evaluator), the labels of
 * the Namespaces it declares, and each pod template as an {@link Endpoint}. Objects without a
 * namespace are taken to run in "default", as kubectl would put them. Endpoints are built once
 * each; a view belongs to one rule's run (it is not shared between threads).
 */
public final class PodNetwork {
  private final Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
  private final Map<NetworkPolicyEvaluator.Policy, ManifestDocument> documents =
      new java.util.IdentityHashMap<>();
  private final NetworkPolicyEvaluator evaluator;
  private final Map<PodTemplate, Endpoint> targets = new java.util.IdentityHashMap<>();
  private final Map<AibrixPods, Endpoint> sources = new HashMap<>();

  public PodNetwork(ManifestSet manifests) {
    for (ManifestDocument namespace : manifests.ofKind("Namespace")) {
      Map<String, String> labels = new LinkedHashMap<>();
      namespace
          .root()
          .path("metadata")
          .path("labels")
          .fields()
          .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      namespaceLabels.put(namespace.name(), labels);
    }
    List<NetworkPolicyEvaluator.Policy> policies = new ArrayList<>();
    for (ManifestDocument document : manifests.ofKind("NetworkPolicy")) {
      NetworkPolicyEvaluator.Policy policy =
          new NetworkPolicyEvaluator.Policy(
              document.name(), ManifestSet.namespaceOf(document), document.root().path("spec"));
      policies.add(policy);
      documents.put(policy, document);
    }
    this.evaluator = new NetworkPolicyEvaluator(policies);
  }

  public NetworkPolicyEvaluator evaluator() {
    return evaluator;
  }

  /** The document a policy came from. */
  public ManifestDocument document(NetworkPolicyEvaluator.Policy policy) {
    return documents.get(policy);
  }

  /** A pod template as the target of a connection. */
  public Endpoint target(PodTemplate pod) {
    return targets.computeIfAbsent(pod, this::endpoint);
  }

  private Endpoint endpoint(PodTemplate pod) {
    List<Endpoint.ContainerPort> ports = new ArrayList<>();
    for (JsonNode container : pod.template().path("spec").path("containers")) {
      for (JsonNode port : container.path("ports")) {
        if (port.path("containerPort").canConvertToInt()) {
          ports.add(
              new Endpoint.ContainerPort(
                  port.path("name").asText(""),
                  port.path("containerPort").asInt(),
                  port.path("protocol").asText("TCP")));
        }
      }
    }
    return new Endpoint(pod.namespace(), labelsOf(pod.namespace()), pod.labels(), null, ports);
  }

  /** AIBrix pods as the source of a connection (their IP is unknown). */
  public Endpoint source(AibrixPods pods) {
    return sources.computeIfAbsent(
        pods,
        p -> new Endpoint(p.namespace(), labelsOf(p.namespace()), p.labels(), null, List.of()));
  }

  private Map<String, String> labelsOf(String namespace) {
    return Endpoint.namespaceLabels(namespace, namespaceLabels.getOrDefault(namespace, Map.of()));
  }
}
