package io.github.kvchart.aibrix.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.GeneratedOutput;
import io.github.kvchart.aibrix.TestPaths;
import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.helm.EmbeddedHelm;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.netpol.Endpoint;
import io.github.kvchart.aibrix.core.netpol.NetworkPolicyEvaluator;
import io.github.kvchart.aibrix.core.validate.ManifestValidator;
import io.github.kvchart.aibrix.core.validate.ValidateRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated NetworkPolicies against the AIBrix pods as each installation really runs them
 * (facts section 3: kustomize, the Helm chart, the Helm chart with Envoy as a sidecar). The pods
 * are written out here, independently of the contract, with the labels AIBrix's manifests and chart
 * give them; every connection AIBrix makes to a model pod must get through. The same output then
 * goes through validate with that installation named. The previous release's policy must fail,
 * naming each connection it cuts.
 */
class AibrixTrafficAcceptanceTest {
  /** The AIBrix pods of one installation, as its manifests label them. */
  record Pods(Endpoint gatewayPlugins, Endpoint controllerManager, Endpoint envoy) {}

  static Pods pods(String installation) {
    Map<String, String> helmCommon =
        Map.of("app.kubernetes.io/name", "aibrix", "app.kubernetes.io/instance", "aibrix");
    return switch (installation) {
      case "kustomize" ->
          new Pods(
              Endpoint.pod("aibrix-system", Map.of("app", "gateway-plugins")),
              Endpoint.pod("aibrix-system", Map.of("control-plane", "controller-manager")),
              Endpoint.pod(
                  "envoy-gateway-system",
                  Map.of(
                      "app.kubernetes.io/name", "envoy",
                      "app.kubernetes.io/component", "proxy",
                      "gateway.envoyproxy.io/owning-gateway-name", "aibrix-eg")));
      case "helm", "helm-envoy-sidecar" -> {
        Endpoint gateway =
            Endpoint.pod(
                "aibrix-system",
                with(helmCommon, "app.kubernetes.io/component", "aibrix-gateway-plugin"));
        Endpoint manager =
            Endpoint.pod(
                "aibrix-system",
                with(helmCommon, "app.kubernetes.io/component", "aibrix-controller-manager"));
        Endpoint envoy =
            installation.equals("helm")
                ? Endpoint.pod(
                    "envoy-gateway-system",
                    Map.of(
                        "app.kubernetes.io/name", "envoy",
                        "app.kubernetes.io/component", "proxy",
                        "gateway.envoyproxy.io/owning-gateway-name", "aibrix-eg"))
                : gateway;
        yield new Pods(gateway, manager, envoy);
      }
      default -> throw new IllegalArgumentException(installation);
    };
  }

  private static Map<String, String> with(Map<String, String> base, String key, String value) {
    Map<String, String> labels = new java.util.HashMap<>(base);
    labels.put(key, value);
    return labels;
  }

  @TempDir static Path out;

  @BeforeAll
  static void generate() throws Exception {
    GeneratedOutput.defaults(out.resolve("gen"));
  }

  private static List<JsonNode> documents(String text) throws Exception {
    return GeneratedOutput.documents(text);
  }

  /** Each required connection that the policies in {@code documents} deny, as "who->port". */
  static List<String> cutFlows(List<JsonNode> documents, String namespace, Pods pods) {
    List<NetworkPolicyEvaluator.Policy> policies = new ArrayList<>();
    for (JsonNode document : documents) {
      if (document.path("kind").asText().equals("NetworkPolicy")) {
        policies.add(
            new NetworkPolicyEvaluator.Policy(
                document.path("metadata").path("name").asText(), namespace, document.path("spec")));
      }
    }
    assertFalse(policies.isEmpty(), "a NetworkPolicy to evaluate");
    NetworkPolicyEvaluator evaluator = new NetworkPolicyEvaluator(policies);
    List<String> cut = new ArrayList<>();
    int models = 0;
    for (JsonNode document : documents) {
      if (!document.path("kind").asText().equals("Deployment")) {
        continue;
      }
      JsonNode template = document.path("spec").path("template");
      Map<String, String> labels = new java.util.HashMap<>();
      template
          .path("metadata")
          .path("labels")
          .fields()
          .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      if (!labels.containsKey("model.aibrix.ai/name")) {
        continue;
      }
      models++;
      List<Endpoint.ContainerPort> ports = new ArrayList<>();
      for (JsonNode port : template.path("spec").path("containers").path(0).path("ports")) {
        ports.add(
            new Endpoint.ContainerPort(
                port.path("name").asText(), port.path("containerPort").asInt(), "TCP"));
      }
      Endpoint model = Endpoint.pod(namespace, labels).withPorts(ports);
      int serving = Integer.parseInt(labels.get("model.aibrix.ai/port"));
      String name = document.path("metadata").path("name").asText();
      boolean autoscaled =
          documents.stream()
              .anyMatch(
                  d ->
                      d.path("kind").asText().equals("PodAutoscaler")
                          && d.path("spec")
                              .path("scaleTargetRef")
                              .path("name")
                              .asText()
                              .equals(name));
      Map<String, Endpoint> who = new java.util.LinkedHashMap<>();
      List<String> flows = new ArrayList<>();
      flows.add("envoy->" + serving);
      flows.add("gateway-plugins->" + serving);
      if ("true".equals(labels.get("model.aibrix.ai/kv-events-enabled"))) {
        flows.add("gateway-plugins->5557");
        flows.add("gateway-plugins->5558");
      }
      if (autoscaled) {
        flows.add("controller-manager->" + serving);
      }
      who.put("envoy", pods.envoy());
      who.put("gateway-plugins", pods.gatewayPlugins());
      who.put("controller-manager", pods.controllerManager());
      for (String flow : flows) {
        String[] parts = flow.split("->");
        if (!evaluator
            .ingress(model, who.get(parts[0]), Integer.parseInt(parts[1]), "TCP")
            .admitted()) {
          cut.add(name + ": " + flow);
        }
      }
    }
    assertTrue(models > 0, "model Deployments to check");
    return cut;
  }

  private static List<Violation> validate(Path source, String installation) throws Exception {
    return new ManifestValidator()
        .validate(
            new ValidateRequest(
                out,
                List.of(source),
                List.of(),
                List.of(),
                "1.32",
                List.of(),
                1,
                null,
                null,
                null,
                installation),
            BuildLog.SILENT)
        .violations();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"kustomize", "helm", "helm-envoy-sidecar"})
  void theSampleAdmitsEveryFlow(String installation) throws Exception {
    Pods pods = pods(installation);
    Path samples = out.resolve("gen/samples");
    StringBuilder all = new StringBuilder();
    for (String file :
        List.of(
            "quickstart/model-with-kv-events.yaml",
            "quickstart/model-with-kv-events-env.yaml",
            "autoscaling/kpa-with-kv-events.yaml",
            "network-policies/allow-kv-events.yaml")) {
      all.append(Files.readString(samples.resolve(file))).append("\n---\n");
    }
    assertEquals(List.of(), cutFlows(documents(all.toString()), "default", pods));
    assertEquals(List.of(), validate(samples, installation));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"kustomize", "helm", "helm-envoy-sidecar"})
  void theChartAdmitsEveryFlowForDefaultsAutoscalingAndPort8080(String installation)
      throws Exception {
    Pods pods = pods(installation);
    Path chart = out.resolve("gen/helm/aibrix-model");
    List<Map<String, String>> cases =
        List.of(
            Map.of(),
            Map.of("autoscaling.enabled", "true"),
            Map.of("autoscaling.enabled", "false"),
            Map.of("model.servingPort", "8080"),
            Map.of("model.servingPort", "8080", "autoscaling.enabled", "true"),
            Map.of("networkPolicy.installation", installation));
    for (Map<String, String> set : cases) {
      String rendered = EmbeddedHelm.template(chart, "rel", "models", set, List.of());
      List<JsonNode> docs = documents(rendered);
      assertEquals(List.of(), cutFlows(docs, "models", pods), set.toString());
      boolean autoscaled =
          docs.stream().anyMatch(d -> d.path("kind").asText().equals("PodAutoscaler"));
      JsonNode deployment =
          docs.stream().filter(d -> d.path("kind").asText().equals("Deployment")).findFirst().get();
      assertEquals(autoscaled, !deployment.path("spec").has("replicas"), set.toString());
      String port = set.getOrDefault("model.servingPort", "8000");
      assertEquals(
          port, deployment.path("metadata").path("labels").path("model.aibrix.ai/port").asText());
    }
    assertEquals(List.of(), validate(chart, installation));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"kustomize", "helm", "helm-envoy-sidecar"})
  void thePreviousReleasePolicyFailsNamingTheFlowsItCuts(String installation) throws Exception {
    Path previous =
        TestPaths.repoRoot()
            .resolve("plugin/src/test/resources/netpol/previous-release/samples.yaml");
    List<String> cut =
        cutFlows(documents(Files.readString(previous)), "default", pods(installation));
    String model = "deepseek-r1-distill-llama-8b: ";
    List<String> expected =
        switch (installation) {
          case "kustomize" -> List.of(model + "envoy->8000", model + "controller-manager->8000");
          default ->
              List.of(
                  model + "envoy->8000",
                  model + "gateway-plugins->8000",
                  model + "gateway-plugins->5557",
                  model + "gateway-plugins->5558",
                  model + "controller-manager->8000");
        };
    assertEquals(expected, cut);

    List<Violation> found =
        validate(previous, installation).stream()
            .filter(v -> v.rule().equals("netpol-traffic"))
            .toList();
    TreeSet<String> reported = new TreeSet<>();
    for (Violation violation : found) {
      assertTrue(
          violation.message().contains("'allow-aibrix-gateway-kv-events'"), violation.message());
      assertTrue(violation.line() > 0 && !violation.fix().isBlank(), violation.toConsoleLine());
      String who =
          violation.message().contains("Envoy")
              ? "envoy"
              : violation.message().contains("controller manager")
                  ? "controller-manager"
                  : "gateway-plugins";
      String port = violation.message().replaceAll(".* off port ([0-9]+) .*", "$1");
      reported.add(model + who + "->" + port);
    }
    assertEquals(new TreeSet<>(expected), reported, found.toString());
  }
}
