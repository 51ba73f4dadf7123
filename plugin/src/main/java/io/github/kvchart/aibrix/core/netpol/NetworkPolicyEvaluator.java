package io.github.kvchart.aibrix.core.netpol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, as a cluster's network plugin would, whether NetworkPolicies admit one connection into a
 * pod. A pod no policy selects for ingress takes everything; once any policy does, only what some
 * rule of those policies admits gets in (the policies add up). Rules match on peers (podSelector,
 * namespaceSelector, both, ipBlock; no {@code from} means everyone) and on ports (number, range
 * with endPort, or a name resolved against the pod's container ports; no {@code ports} means every
 * port).
 */
public final class NetworkPolicyEvaluator {
  /** One policy and the namespace it lives in. */
  public record Policy(String name, String namespace, JsonNode spec) {}

  /**
   * The verdict on one connection.
   *
   * @param selecting the policies that select the target for ingress (empty: not isolated)
   */
  public record Decision(boolean admitted, List<Policy> selecting) {}

  private final List<Policy> policies;

  /** Per namespace: policies keyed by one matchLabels pair ("k=v"), and those without one. */
  private final java.util.Map<String, java.util.Map<String, List<Integer>>> byLabel =
      new java.util.HashMap<>();

  private final java.util.Map<String, List<Integer>> unkeyed = new java.util.HashMap<>();

  public NetworkPolicyEvaluator(List<Policy> policies) {
    this.policies = List.copyOf(policies);
    for (int i = 0; i < this.policies.size(); i++) {
      Policy policy = this.policies.get(i);
      var labels = policy.spec().path("podSelector").path("matchLabels").fields();
      if (labels.hasNext()) {
        var first = labels.next();
        byLabel
            .computeIfAbsent(policy.namespace(), n -> new java.util.HashMap<>())
            .computeIfAbsent(
                first.getKey() + "=" + first.getValue().asText(), k -> new ArrayList<>())
            .add(i);
      } else {
        unkeyed.computeIfAbsent(policy.namespace(), n -> new ArrayList<>()).add(i);
      }
    }
  }

  /**
   * Whether {@code source} may open a {@code protocol} connection to {@code port} of {@code
   * target}.
   */
  public Decision ingress(Endpoint target, Endpoint source, int port, String protocol) {
    return ingress(target, selecting(target), source, port, protocol);
  }

  /** The same, with the policies that select {@code target} already found. */
  public Decision ingress(
      Endpoint target, List<Policy> selecting, Endpoint source, int port, String protocol) {
    for (Policy policy : selecting) {
      for (JsonNode rule : policy.spec().path("ingress")) {
        if (portsAdmit(rule.path("ports"), target, port, protocol)
            && peersAdmit(rule.path("from"), policy.namespace(), source)) {
          return new Decision(true, selecting);
        }
      }
    }
    return new Decision(selecting.isEmpty(), selecting);
  }

  /** The policies that select {@code target} and restrict its ingress. */
  public List<Policy> selecting(Endpoint target) {
    java.util.TreeSet<Integer> candidates =
        new java.util.TreeSet<>(unkeyed.getOrDefault(target.namespace(), List.of()));
    var keyed = byLabel.getOrDefault(target.namespace(), java.util.Map.of());
    if (!keyed.isEmpty()) {
      target
          .labels()
          .forEach(
              (key, value) -> candidates.addAll(keyed.getOrDefault(key + "=" + value, List.of())));
    }
    List<Policy> found = new ArrayList<>();
    for (int index : candidates) {
      Policy policy = policies.get(index);
      if (restrictsIngress(policy.spec())
          && LabelSelector.matches(policy.spec().path("podSelector"), target.labels())) {
        found.add(policy);
      }
    }
    return found;
  }

  /** Without policyTypes a policy always restricts ingress; with them, only when listed. */
  static boolean restrictsIngress(JsonNode spec) {
    JsonNode types = spec.path("policyTypes");
    if (!types.isArray() || types.isEmpty()) {
      return true;
    }
    for (JsonNode type : types) {
      if ("Ingress".equals(type.asText())) {
        return true;
      }
    }
    return false;
  }

  private static boolean portsAdmit(JsonNode ports, Endpoint target, int port, String protocol) {
    if (!ports.isArray() || ports.isEmpty()) {
      return true;
    }
    for (JsonNode entry : ports) {
      if (!entry.path("protocol").asText("TCP").equals(protocol)) {
        continue;
      }
      JsonNode value = entry.path("port");
      if (value.isMissingNode() || value.isNull()) {
        return true;
      }
      if (value.isIntegralNumber()) {
        int first = value.asInt();
        int last = entry.path("endPort").isIntegralNumber() ? entry.path("endPort").asInt() : first;
        if (port >= first && port <= last) {
          return true;
        }
      } else if (value.isTextual()) {
        for (Endpoint.ContainerPort declared : target.ports()) {
          if (declared.name().equals(value.asText())
              && declared.port() == port
              && declared.protocol().equals(protocol)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean peersAdmit(JsonNode from, String policyNamespace, Endpoint source) {
    if (!from.isArray() || from.isEmpty()) {
      return true;
    }
    for (JsonNode peer : from) {
      if (peer.has("ipBlock")) {
        if (IpBlock.admits(peer.path("ipBlock"), source.ip())) {
          return true;
        }
        continue;
      }
      boolean hasPods = peer.has("podSelector") && !peer.path("podSelector").isNull();
      boolean hasNamespaces =
          peer.has("namespaceSelector") && !peer.path("namespaceSelector").isNull();
      if (!hasPods && !hasNamespaces) {
        continue;
      }
      boolean namespaceOk =
          hasNamespaces
              ? LabelSelector.matches(peer.path("namespaceSelector"), source.namespaceLabels())
              : source.namespace().equals(policyNamespace);
      boolean podOk = !hasPods || LabelSelector.matches(peer.path("podSelector"), source.labels());
      if (namespaceOk && podOk) {
        return true;
      }
    }
    return false;
  }
}
