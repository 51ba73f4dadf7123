package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the API server refuses in a NetworkPolicy's ports, peers, ipBlocks and policy types
 * (kubernetes' networking validation); each case changes one field of the policy our chart writes,
 * which the API server takes.
 */
class NetworkPolicyCheckTest {
  @TempDir Path temp;

  private static final String POLICY =
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: p}
      spec:
        podSelector: {matchLabels: {model.aibrix.ai/kv-events-enabled: "true"}}
        policyTypes: [%s]
        ingress:
          - from:
              - %s
            ports:
              - %s
      """;

  private static final String GATEWAY =
      "{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: aibrix-system}},"
          + " podSelector: {matchLabels: {app: gateway-plugins}}}";

  private List<String> found(String types, String peer, String port) throws Exception {
    return Fixtures.validate(temp, POLICY.formatted(types, peer, port), "1.35").stream()
        .filter(v -> v.rule().equals("api-validation"))
        .map(v -> v.pointer())
        .toList();
  }

  @Test
  void theChartsPolicyShapeIsTaken() throws Exception {
    assertEquals(List.of(), found("Ingress", GATEWAY, "{port: 5557, protocol: TCP}"));
    assertEquals(List.of(), found("Ingress, Egress", GATEWAY, "{port: 5557, endPort: 5558}"));
    assertEquals(List.of(), found("Ingress", GATEWAY, "{port: kv-events}"));
    assertEquals(
        List.of(),
        found("Ingress", "{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}", "{port: 8000}"));
    assertEquals(List.of(), found("Ingress", "{ipBlock: {cidr: '010.0.0.1/8'}}", "{port: 8000}"));
    assertEquals(List.of(), found("Ingress", "{ipBlock: {cidr: 'fd00::/8'}}", "{port: 8000}"));
  }

  @Test
  void portsAreNumbersOrNamesAndRanges() throws Exception {
    String from = "/spec/ingress/0/ports/0/";
    assertEquals(
        List.of(from + "protocol"), found("Ingress", GATEWAY, "{port: 5557, protocol: tcp}"));
    assertEquals(List.of(from + "port"), found("Ingress", GATEWAY, "{port: 70000}"));
    assertEquals(List.of(from + "port"), found("Ingress", GATEWAY, "{port: KV_EVENTS}"));
    assertEquals(
        List.of(from + "endPort"), found("Ingress", GATEWAY, "{port: 5558, endPort: 5557}"));
    assertEquals(
        List.of(from + "endPort"), found("Ingress", GATEWAY, "{port: kv-events, endPort: 5558}"));
    assertEquals(List.of(from + "endPort"), found("Ingress", GATEWAY, "{endPort: 5558}"));
  }

  @Test
  void peersAndBlocks() throws Exception {
    String peer = "/spec/ingress/0/from/0";
    assertEquals(List.of(peer), found("Ingress", "{}", "{port: 5557}"));
    assertEquals(
        List.of(peer),
        found(
            "Ingress",
            "{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {matchLabels: {app: a}}}",
            "{port: 5557}"));
    for (String[] bad :
        new String[][] {
          {"{ipBlock: {cidr: 10.0.0.0}}", "/ipBlock/cidr"},
          {"{ipBlock: {cidr: 10.0.0.0/33}}", "/ipBlock/cidr"},
          {"{ipBlock: {cidr: 10.0.0/8}}", "/ipBlock/cidr"},
          {"{ipBlock: {cidr: 10.0.0.0/8, except: [11.0.0.0/16]}}", "/ipBlock/except/0"},
          {"{ipBlock: {cidr: 10.0.0.0/8, except: [10.0.0.0/8]}}", "/ipBlock/except/0"},
          {"{ipBlock: {cidr: 10.0.0.0/8, except: [bad]}}", "/ipBlock/except/0"},
          {"{podSelector: {matchLabels: {app: a b}}}", "/podSelector/matchLabels/app"},
          {
            "{namespaceSelector: {matchExpressions: [{key: a, operator: Exists, values: [b]}]}}",
            "/namespaceSelector/matchExpressions/0"
          },
        }) {
      assertEquals(List.of(peer + bad[1]), found("Ingress", bad[0], "{port: 5557}"), bad[0]);
    }
  }

  @Test
  void policyTypes() throws Exception {
    assertEquals(List.of("/spec/policyTypes/0"), found("ingress", GATEWAY, "{port: 5557}"));
    assertEquals(
        List.of("/spec/policyTypes"), found("Ingress, Egress, Ingress", GATEWAY, "{port: 5557}"));
  }
}
