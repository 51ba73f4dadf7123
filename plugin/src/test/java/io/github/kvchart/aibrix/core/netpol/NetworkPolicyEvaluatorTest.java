package io.github.kvchart.aibrix.core.netpol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The NetworkPolicy semantics, case by case, in the spirit of Kubernetes' network-policy e2e suite:
 * a model pod ("app: model" in namespace "models", serving on 8000 named "serve", KV events on 5557
 * "kv-events" and 5558 "kv-replay") and a client pod that tries one connection.
 */
class NetworkPolicyEvaluatorTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Endpoint MODEL =
      new Endpoint(
          "models",
          Endpoint.namespaceLabels("models", Map.of("team", "ml")),
          Map.of("app", "model", "tier", "gpu"),
          "10.1.0.5",
          List.of(
              new Endpoint.ContainerPort("serve", 8000, "TCP"),
              new Endpoint.ContainerPort("kv-events", 5557, "TCP"),
              new Endpoint.ContainerPort("kv-replay", 5558, "TCP"),
              new Endpoint.ContainerPort("dns", 53, "UDP")));
  private static final Endpoint GATEWAY =
      new Endpoint(
          "aibrix-system",
          Endpoint.namespaceLabels("aibrix-system", Map.of("purpose", "gateway")),
          Map.of("app", "gateway-plugins"),
          "10.2.0.7",
          List.of());
  private static final Endpoint SAME_NS_CLIENT =
      new Endpoint(
          "models", MODEL.namespaceLabels(), Map.of("app", "client"), "10.1.0.9", List.of());
  private static final Endpoint OUTSIDE = GATEWAY.withIp("192.168.5.5");
  private static final Endpoint UNKNOWN_IP = GATEWAY.withIp(null);

  private static final String SELECT_MODEL = "podSelector: {matchLabels: {app: model}}\n";

  static Stream<Arguments> cases() {
    List<Arguments> c = new ArrayList<>();
    // No policy, or policies that do not select the pod: not isolated.
    c.add(t("no policy at all admits everything", "", GATEWAY, 8000, true));
    c.add(
        t(
            "a policy for other pods does not isolate",
            "podSelector: {matchLabels: {app: other}}\ningress: []",
            GATEWAY,
            8000,
            true));
    c.add(
        t(
            "a policy in another namespace does not isolate",
            "@ns=other\n" + SELECT_MODEL + "ingress: []",
            GATEWAY,
            8000,
            true));
    c.add(
        t(
            "egress-only policy does not isolate ingress",
            SELECT_MODEL + "policyTypes: [Egress]\negress: []",
            GATEWAY,
            8000,
            true));
    // Isolation.
    c.add(
        t(
            "selecting with no ingress rules denies all",
            SELECT_MODEL + "policyTypes: [Ingress]",
            GATEWAY,
            8000,
            false));
    c.add(t("no policyTypes still restricts ingress", SELECT_MODEL, GATEWAY, 8000, false));
    c.add(
        t(
            "empty podSelector selects every pod of the namespace",
            "podSelector: {}\npolicyTypes: [Ingress]",
            GATEWAY,
            8000,
            false));
    c.add(
        t("missing podSelector selects every pod", "policyTypes: [Ingress]", GATEWAY, 8000, false));
    c.add(
        t(
            "Ingress and Egress types restrict ingress",
            SELECT_MODEL + "policyTypes: [Ingress, Egress]",
            GATEWAY,
            8000,
            false));
    // Empty from / ports.
    c.add(
        t(
            "a rule with no from admits every source",
            SELECT_MODEL + "ingress: [{ports: [{port: 8000}]}]",
            GATEWAY,
            8000,
            true));
    c.add(
        t(
            "an empty from list admits every source",
            SELECT_MODEL + "ingress: [{from: [], ports: [{port: 8000}]}]",
            GATEWAY,
            8000,
            true));
    c.add(
        t("an empty rule admits everything", SELECT_MODEL + "ingress: [{}]", GATEWAY, 5558, true));
    c.add(
        t(
            "a rule with no ports admits every port",
            SELECT_MODEL + "ingress: [{from: [{namespaceSelector: {}}]}]",
            GATEWAY,
            5557,
            true));
    // podSelector alone: same namespace as the policy.
    c.add(
        t(
            "podSelector alone admits matching pods of the policy's namespace",
            SELECT_MODEL + "ingress: [{from: [{podSelector: {matchLabels: {app: client}}}]}]",
            SAME_NS_CLIENT,
            8000,
            true));
    c.add(
        t(
            "podSelector alone never reaches another namespace",
            SELECT_MODEL
                + "ingress: [{from: [{podSelector: {matchLabels: {app: gateway-plugins}}}]}]",
            GATEWAY,
            8000,
            false));
    c.add(
        t(
            "empty podSelector alone means every pod of the policy's namespace",
            SELECT_MODEL + "ingress: [{from: [{podSelector: {}}]}]",
            SAME_NS_CLIENT,
            8000,
            true));
    c.add(
        t(
            "empty podSelector alone excludes other namespaces",
            SELECT_MODEL + "ingress: [{from: [{podSelector: {}}]}]",
            GATEWAY,
            8000,
            false));
    // namespaceSelector alone: every pod of matching namespaces.
    c.add(
        t(
            "namespaceSelector by metadata.name admits its pods",
            SELECT_MODEL
                + "ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: aibrix-system}}}]}]",
            GATEWAY,
            8000,
            true));
    c.add(
        t(
            "namespaceSelector by another name denies",
            SELECT_MODEL
                + "ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: envoy-gateway-system}}}]}]",
            GATEWAY,
            8000,
            false));
    c.add(
        t(
            "namespaceSelector by a namespace label",
            SELECT_MODEL
                + "ingress: [{from: [{namespaceSelector: {matchLabels: {purpose: gateway}}}]}]",
            GATEWAY,
            8000,
            true));
    c.add(
        t(
            "empty namespaceSelector admits every namespace",
            SELECT_MODEL + "ingress: [{from: [{namespaceSelector: {}}]}]",
            GATEWAY,
            8000,
            true));
    // Both in one peer: AND.
    c.add(
        t(
            "namespace and pod selector in one peer: both match",
            SELECT_MODEL
                + "ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: aibrix-system}}, podSelector: {matchLabels: {app: gateway-plugins}}}]}]",
            GATEWAY,
            8000,
            true));
    c.add(
        t(
            "namespace and pod selector in one peer: pod label differs",
            SELECT_MODEL
                + "ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: aibrix-system}}, podSelector: {matchLabels: {app.kubernetes.io/component: aibrix-gateway-plugin}}}]}]",
            GATEWAY,
            8000,
            false));
    c.add(
        t(
            "namespace and pod selector in one peer: namespace differs",
            SELECT_MODEL
                + "ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: other}}, podSelector: {matchLabels: {app: gateway-plugins}}}]}]",
            GATEWAY,
            8000,
            false));
    // Two peers: OR.
    c.add(
        t(
            "two peers are alternatives",
            SELECT_MODEL
                + "ingress: [{from: [{podSelector: {matchLabels: {app: client}}}, {namespaceSelector: {matchLabels: {purpose: gateway}}}]}]",
            GATEWAY,
            8000,
            true));
    // matchExpressions.
    c.add(
        t(
            "matchExpressions In",
            SELECT_MODEL
                + "ingress: [{from: [{namespaceSelector: {}, podSelector: {matchExpressions: [{key: app, operator: In, values: [gateway-plugins, envoy]}]}}]}]",
            GATEWAY,
            8000,
            true));
    c.add(
        t(
            "matchExpressions In without the value",
            SELECT_MODEL
                + "ingress: [{from: [{namespaceSelector: {}, podSelector: {matchExpressions: [{key: app, operator: In, values: [envoy]}]}}]}]",
            GATEWAY,
            8000,
            false));
    c.add(
        t(
            "matchExpressions NotIn",
            SELECT_MODEL
                + "ingress: [{from: [{namespaceSelector: {}, podSelector: {matchExpressions: [{key: app, operator: NotIn, values: [envoy]}]}}]}]",
            GATEWAY,
            8000,
            true));
    c.add(
        t(
            "matchExpressions NotIn with the value",
            SELECT_MODEL
                + "ingress: [{from: [{namespaceSelector: {}, podSelector: {matchExpressions: [{key: app, operator: NotIn, values: [gateway-plugins]}]}}]}]",
            GATEWAY,
            8000,
            false));
    c.add(
        t(
            "matchExpressions Exists",
            SELECT_MODEL
                + "ingress: [{from: [{namespaceSelector: {}, podSelector: {matchExpressions: [{key: app, operator: Exists}]}}]}]",
            GATEWAY,
            8000,
            true));
    c.add(
        t(
            "matchExpressions DoesNotExist",
            SELECT_MODEL
                + "ingress: [{from: [{namespaceSelector: {}, podSelector: {matchExpressions: [{key: app, operator: DoesNotExist}]}}]}]",
            GATEWAY,
            8000,
            false));
    c.add(
        t(
            "matchLabels and matchExpressions together must both hold",
            SELECT_MODEL
                + "ingress: [{from: [{namespaceSelector: {}, podSelector: {matchLabels: {app: gateway-plugins}, matchExpressions: [{key: tier, operator: Exists}]}}]}]",
            GATEWAY,
            8000,
            false));
    c.add(
        t(
            "namespaceSelector with matchExpressions",
            SELECT_MODEL
                + "ingress: [{from: [{namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [aibrix-system, envoy-gateway-system]}]}}]}]",
            GATEWAY,
            8000,
            true));
    c.add(
        t(
            "target selected by matchExpressions",
            "podSelector: {matchExpressions: [{key: tier, operator: In, values: [gpu]}]}\npolicyTypes: [Ingress]",
            GATEWAY,
            8000,
            false));
    // ipBlock.
    c.add(
        t(
            "ipBlock containing the source",
            SELECT_MODEL + "ingress: [{from: [{ipBlock: {cidr: 192.168.0.0/16}}]}]",
            OUTSIDE,
            8000,
            true));
    c.add(
        t(
            "ipBlock not containing the source",
            SELECT_MODEL + "ingress: [{from: [{ipBlock: {cidr: 172.16.0.0/12}}]}]",
            OUTSIDE,
            8000,
            false));
    c.add(
        t(
            "ipBlock except carves the source out",
            SELECT_MODEL
                + "ingress: [{from: [{ipBlock: {cidr: 192.168.0.0/16, except: [192.168.5.0/24]}}]}]",
            OUTSIDE,
            8000,
            false));
    c.add(
        t(
            "ipBlock for IPv6 does not admit IPv4",
            SELECT_MODEL + "ingress: [{from: [{ipBlock: {cidr: 'fd00::/8'}}]}]",
            OUTSIDE,
            8000,
            false));
    c.add(
        t(
            "ipBlock 0.0.0.0/0 admits a pod whose IP is unknown",
            SELECT_MODEL + "ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0}}]}]",
            UNKNOWN_IP,
            8000,
            true));
    c.add(
        t(
            "a narrower ipBlock cannot be shown to admit an unknown IP",
            SELECT_MODEL + "ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}}]}]",
            UNKNOWN_IP,
            8000,
            false));
    // Ports.
    c.add(
        t(
            "port by number",
            SELECT_MODEL + "ingress: [{ports: [{port: 5557}]}]",
            GATEWAY,
            5557,
            true));
    c.add(
        t(
            "another port number",
            SELECT_MODEL + "ingress: [{ports: [{port: 5557}]}]",
            GATEWAY,
            5558,
            false));
    c.add(
        t(
            "port by name resolves to the container port",
            SELECT_MODEL + "ingress: [{ports: [{port: kv-replay}]}]",
            GATEWAY,
            5558,
            true));
    c.add(
        t(
            "a port name the pod does not declare admits nothing",
            SELECT_MODEL + "ingress: [{ports: [{port: metrics}]}]",
            GATEWAY,
            8000,
            false));
    c.add(
        t(
            "a port name of another port",
            SELECT_MODEL + "ingress: [{ports: [{port: serve}]}]",
            GATEWAY,
            5557,
            false));
    c.add(
        t(
            "endPort range includes the port",
            SELECT_MODEL + "ingress: [{ports: [{port: 5557, endPort: 5558}]}]",
            GATEWAY,
            5558,
            true));
    c.add(
        t(
            "endPort range stops before the port",
            SELECT_MODEL + "ingress: [{ports: [{port: 5550, endPort: 5557}]}]",
            GATEWAY,
            5558,
            false));
    c.add(
        t(
            "protocol defaults to TCP",
            SELECT_MODEL + "ingress: [{ports: [{port: 8000}]}]",
            GATEWAY,
            8000,
            true));
    c.add(
        t(
            "a UDP entry does not admit TCP",
            SELECT_MODEL + "ingress: [{ports: [{protocol: UDP, port: 8000}]}]",
            GATEWAY,
            8000,
            false));
    c.add(
        t(
            "protocol without port admits every port of it",
            SELECT_MODEL + "ingress: [{ports: [{protocol: TCP}]}]",
            GATEWAY,
            5558,
            true));
    c.add(
        t(
            "a named UDP port does not admit TCP",
            SELECT_MODEL + "ingress: [{ports: [{protocol: UDP, port: dns}]}]",
            GATEWAY,
            53,
            false));
    c.add(
        t(
            "peers and ports must both match in one rule",
            SELECT_MODEL
                + "ingress: [{from: [{namespaceSelector: {matchLabels: {purpose: gateway}}}], ports: [{port: 5557}]}, {from: [{podSelector: {}}], ports: [{port: 8000}]}]",
            GATEWAY,
            8000,
            false));
    // Several policies add up.
    c.add(
        t(
            "a second policy adds what the first lacks",
            SELECT_MODEL
                + "ingress: [{ports: [{port: 8000}]}]\n---\n"
                + SELECT_MODEL
                + "ingress: [{ports: [{port: 5557}]}]",
            GATEWAY,
            5557,
            true));
    c.add(
        t(
            "a deny-all policy does not take away what another admits",
            "podSelector: {}\npolicyTypes: [Ingress]\n---\n"
                + SELECT_MODEL
                + "ingress: [{ports: [{port: 8000}]}]",
            GATEWAY,
            8000,
            true));
    c.add(
        t(
            "two policies, neither admitting",
            "podSelector: {}\npolicyTypes: [Ingress]\n---\n"
                + SELECT_MODEL
                + "ingress: [{ports: [{port: 8000}]}]",
            GATEWAY,
            5557,
            false));
    return c.stream();
  }

  private static Arguments t(
      String name, String policies, Endpoint source, int port, boolean admitted) {
    return Arguments.of(name, policies, source, port, admitted);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decides(String name, String policies, Endpoint source, int port, boolean admitted)
      throws Exception {
    List<NetworkPolicyEvaluator.Policy> parsed = new ArrayList<>();
    int index = 0;
    for (String text : policies.split("(?m)^---\n")) {
      if (text.isBlank()) {
        continue;
      }
      String namespace = "models";
      if (text.startsWith("@ns=")) {
        namespace = text.substring(4, text.indexOf('\n'));
        text = text.substring(text.indexOf('\n') + 1);
      }
      JsonNode spec = YAML.readTree(text);
      parsed.add(new NetworkPolicyEvaluator.Policy("p" + index++, namespace, spec));
    }
    var decision = new NetworkPolicyEvaluator(parsed).ingress(MODEL, source, port, "TCP");
    assertEquals(admitted, decision.admitted(), name);
  }
}
