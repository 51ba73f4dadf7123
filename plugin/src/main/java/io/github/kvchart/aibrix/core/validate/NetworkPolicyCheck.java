package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.Json;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.netpol.IpBlock;
import java.util.List;

/**
 * What the API server refuses in a networking.k8s.io/v1 NetworkPolicy beyond the schema
 * (ValidateNetworkPolicySpec, ValidateNetworkPolicyPort, ValidateNetworkPolicyPeer and
 * ValidateIPBlock in kubernetes' networking validation): a port protocol other than TCP, UDP or
 * SCTP; a port outside 1-65535 or a malformed port name; an endPort below its port, beside a named
 * port or without a port; a peer with no selector or ipBlock, or an ipBlock beside a selector; an
 * ipBlock whose cidr or except is not a CIDR, or whose except is not strictly inside its cidr; a
 * policy type other than Ingress or Egress; selectors with malformed labels or expressions.
 */
final class NetworkPolicyCheck {
  /** The kind this check reads. */
  static final String KIND = "networking.k8s.io/v1 NetworkPolicy";

  private static final List<String> DIRECTIONS = List.of("ingress", "egress");
  private static final List<String> POLICY_TYPES = List.of("Ingress", "Egress");

  private NetworkPolicyCheck() {}

  static void check(ManifestDocument document, List<Violation> violations) {
    JsonNode spec = document.root().path("spec");
    ApiValidation.labels(
        document,
        spec.path("podSelector").path("matchLabels"),
        "/spec/podSelector",
        "matchLabels",
        violations);
    WorkloadCheck.expressions(
        document,
        "/spec/podSelector",
        Json.items(spec.path("podSelector").path("matchExpressions")),
        violations);
    for (String direction : DIRECTIONS) {
      JsonNode rules = Json.items(spec.path(direction));
      for (int r = 0; r < rules.size(); r++) {
        String at = "/spec/" + direction + "/" + r;
        JsonNode ports = Json.items(rules.get(r).path("ports"));
        for (int p = 0; p < ports.size(); p++) {
          port(document, at + "/ports/" + p, ports.get(p), violations);
        }
        String peersField = direction.equals("ingress") ? "from" : "to";
        JsonNode peers = Json.items(rules.get(r).path(peersField));
        for (int p = 0; p < peers.size(); p++) {
          peer(document, at + "/" + peersField + "/" + p, peers.get(p), violations);
        }
      }
    }
    JsonNode types = Json.items(spec.path("policyTypes"));
    if (types.size() > 2) {
      violations.add(
          ApiSyntax.error(
              document,
              "/spec/policyTypes",
              "policyTypes lists " + types.size() + " types; the API server allows at most two.",
              "List Ingress, Egress or both, once each."));
    } else {
      for (int i = 0; i < types.size(); i++) {
        ApiSyntax.oneOfOrEmpty(
            document, "/spec/policyTypes/" + i, types.get(i), POLICY_TYPES, violations);
      }
    }
  }

  private static void port(
      ManifestDocument document, String at, JsonNode port, List<Violation> violations) {
    if (!port.isObject()) {
      return;
    }
    // a pointer, defaulted to TCP only when it is left out
    ApiSyntax.oneOfOrEmpty(
        document, at + "/protocol", port.path("protocol"), ContainerCheck.PROTOCOLS, violations);
    JsonNode number = port.path("port");
    JsonNode end = port.path("endPort");
    boolean hasEnd = !end.isMissingNode() && !end.isNull();
    if (number.isIntegralNumber()) {
      if (ApiSyntax.badPort(number, false)) {
        violations.add(
            ApiSyntax.portViolation(document, at + "/port", "port", number, "Use 1 to 65535."));
      }
      if (hasEnd && end.isIntegralNumber() && end.canConvertToLong()) {
        if (end.asLong() < number.asLong()) {
          violations.add(
              ApiSyntax.error(
                  document,
                  at + "/endPort",
                  "endPort " + end.asLong() + " is below port " + number.asLong() + ".",
                  "Make endPort at least port: the range is port to endPort."));
        } else if (ApiSyntax.badPort(end, false)) {
          violations.add(
              ApiSyntax.portViolation(
                  document, at + "/endPort", "endPort", end, "Use 1 to 65535."));
        }
      }
    } else if (number.isTextual()) {
      String problem = ApiSyntax.portNameProblem(number.asText());
      if (problem != null) {
        violations.add(
            ApiSyntax.error(
                document,
                at + "/port",
                "port '"
                    + number.asText()
                    + "' is neither a number nor a valid port name: it "
                    + problem
                    + ".",
                "Use the pods' port number, or the name of one of their container ports."));
      }
      if (hasEnd) {
        violations.add(
            ApiSyntax.error(
                document,
                at + "/endPort",
                "endPort may not be set with a named port.",
                "Use a port number with endPort, or remove endPort."));
      }
    } else if (hasEnd && (number.isMissingNode() || number.isNull())) {
      violations.add(
          ApiSyntax.error(
              document,
              at + "/endPort",
              "endPort may not be set without port.",
              "Add port (the start of the range), or remove endPort."));
    }
  }

  private static void peer(
      ManifestDocument document, String at, JsonNode peer, List<Violation> violations) {
    if (!peer.isObject()) {
      return;
    }
    int count = 0;
    for (String field : List.of("podSelector", "namespaceSelector", "ipBlock")) {
      JsonNode value = peer.path(field);
      if (!value.isMissingNode() && !value.isNull()) {
        count++;
        if (!field.equals("ipBlock")) {
          ApiValidation.labels(
              document, value.path("matchLabels"), at + "/" + field, "matchLabels", violations);
          WorkloadCheck.expressions(
              document, at + "/" + field, Json.items(value.path("matchExpressions")), violations);
        }
      }
    }
    JsonNode block = peer.path("ipBlock");
    boolean hasBlock = !block.isMissingNode() && !block.isNull();
    if (count == 0) {
      violations.add(
          ApiSyntax.error(
              document,
              at,
              "the peer names no podSelector, namespaceSelector or ipBlock; the API server wants"
                  + " one.",
              "Add the peer's selector, e.g. podSelector: {matchLabels: {app: gateway-plugins}}."
                  + " To admit everyone, leave out from (or to) instead."));
    } else if (count > 1 && hasBlock) {
      violations.add(
          ApiSyntax.error(
              document,
              at,
              "the peer has an ipBlock beside a selector; the API server allows ipBlock alone.",
              "Write the ipBlock as a peer of its own (a separate list entry)."));
    }
    if (hasBlock && block.isObject()) {
      String[] problem = IpBlock.problem(block);
      if (problem != null) {
        violations.add(
            ApiSyntax.error(
                document,
                at + "/ipBlock/" + problem[0],
                problem[1] + "; the API server refuses it.",
                "Write a CIDR such as 10.0.0.0/8, and excepts inside it with longer prefixes."));
      }
    }
  }
}
