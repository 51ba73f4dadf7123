package io.github.kvchart.aibrix.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.manifest.Violation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract reads AIBrix's own workloads: each role of a StormService, the head and worker
 * groups of a RayClusterFleet, and a PodAutoscaler that scales one role. Before, a vLLM pod
 * template inside them passed the contract unread, whatever flags it had.
 */
class AibrixWorkloadsTest {
  @TempDir Path temp;

  private static final String KV_CONFIG =
      "'{\"enable_kv_cache_events\":true,\"publisher\":\"zmq\",\"endpoint\":\"tcp://*:5557\","
          + "\"replay_endpoint\":\"tcp://*:5558\",\"buffer_steps\":10000}'";

  private static final String LABELS =
      "{model.aibrix.ai/name: llama, model.aibrix.ai/kv-events-enabled: \"true\"}";

  /** A pod template running vLLM with {@code kvArgs} (YAML list items), at {@code indent}. */
  private static String vllmTemplate(String labels, String kvArgs, int indent) {
    String template =
        """
        template:
          metadata:
            labels: %s
          spec:
            containers:
              - name: vllm
                image: vllm/vllm-openai:v0.11.0
                command: [vllm, serve]
                args: [meta-llama/Llama-3.1-8B-Instruct, --served-model-name, llama, %s]
                ports:
                  - {name: serve, containerPort: 8000}
                  - {name: kv-events, containerPort: 5557}
                  - {name: kv-replay, containerPort: 5558}
        """
            .formatted(labels, kvArgs);
    return template.indent(indent);
  }

  private static String stormService(String apiVersion, String replicas, String... roles) {
    StringBuilder yaml =
        new StringBuilder(
            """
            apiVersion: %s
            kind: StormService
            metadata: {name: llama-pd}
            spec:
              replicas: %s
              stateful: true
              selector: {matchLabels: {app: llama-pd}}
              template:
                metadata:
                  labels: {app: llama-pd}
                spec:
                  roles:
            """
                .formatted(apiVersion, replicas));
    yaml.append(String.join("", roles));
    return yaml.toString();
  }

  private static String role(String name, String labels, String kvArgs) {
    return ("- name: " + name + "\n  replicas: 2\n  stateful: true\n").indent(8)
        + vllmTemplate(labels, kvArgs, 10);
  }

  private static String autoscaler(String annotations, String kind, String name, String sub) {
    return """
        ---
        apiVersion: autoscaling.aibrix.ai/v1alpha1
        kind: PodAutoscaler
        metadata: {name: llama-as%s}
        spec:
          scaleTargetRef: {apiVersion: orchestration.aibrix.ai/v1alpha1, kind: %s, name: %s}
        %s  minReplicas: 1
          maxReplicas: 4
          scalingStrategy: KPA
          metricsSources:
            - {metricSourceType: pod, protocolType: http, port: "8000", path: metrics, targetMetric: kv_cache_usage_perc, targetValue: "0.5"}
        """
        .formatted(annotations, kind, name, sub.isEmpty() ? "" : "  " + sub + "\n");
  }

  /** A P/D StormService (roles prefill and decode) publishing KV events, with these labels. */
  private static String pd(String prefillLabels, String decodeLabels) {
    return stormService(
        AIBRIX,
        "1",
        role("prefill", prefillLabels, "--kv-events-config, " + KV_CONFIG),
        role("decode", decodeLabels, "--kv-events-config, " + KV_CONFIG));
  }

  /** A PodAutoscaler of the StormService llama-pd. */
  private static String roleAutoscaler(String annotations, String subTargetSelector) {
    return autoscaler(annotations, "StormService", "llama-pd", subTargetSelector);
  }

  /**
   * A RayClusterFleet named llama serving {@code head} (a pod template at indent 8), with {@code
   * ownLabels} added to its own labels, {@code replicas} (a YAML line, or "") and a worker group
   * running {@code worker} (a pod template at indent 10).
   */
  private static String fleet(String ownLabels, String replicas, String head, String worker) {
    return """
        apiVersion: orchestration.aibrix.ai/v1alpha1
        kind: RayClusterFleet
        metadata: {name: llama, labels: {model.aibrix.ai/name: llama%s}}
        spec:
        %s  selector: {matchLabels: {model.aibrix.ai/name: llama}}
          template:
            metadata:
              labels: {model.aibrix.ai/name: llama}
            spec:
              headGroupSpec:
                rayStartParams: {}
        %s      workerGroupSpecs:
                - groupName: workers
                  replicas: 1
                  minReplicas: 1
                  maxReplicas: 1
                  rayStartParams: {}
        %s"""
        .formatted(ownLabels, replicas.isEmpty() ? "" : "  " + replicas + "\n", head, worker);
  }

  private static final String RAY_WORKER =
      "template:\n  spec:\n    containers:\n      - {name: ray, image: rayproject/ray:2.10.0}\n"
          .indent(10);

  private List<Violation> validate(String yaml) throws Exception {
    return io.github.kvchart.aibrix.core.validate.Fixtures.validate(temp, yaml, "1.32");
  }

  private static List<Violation> of(List<Violation> violations, String rule) {
    return violations.stream().filter(v -> v.rule().equals(rule)).toList();
  }

  private static final String AIBRIX = "orchestration.aibrix.ai/v1alpha1";

  @Test
  void aCorrectStormServiceIsClean() throws Exception {
    assertEquals(List.of(), validate(pd(LABELS, LABELS)));
  }

  @Test
  void eachRoleOfAStormServiceIsReadWithItsOwnLines() throws Exception {
    String yaml =
        stormService(
            AIBRIX,
            "1",
            role("prefill", LABELS, "--kv-events-config, " + KV_CONFIG),
            role("decode", LABELS, "--enable-kv-cache-events"));
    List<Violation> unknown = of(validate(yaml), "kv-flag-unknown");
    assertEquals(1, unknown.size(), unknown.toString());
    int line =
        yaml.lines()
                .toList()
                .indexOf(
                    yaml.lines()
                        .filter(l -> l.contains("--enable-kv-cache-events"))
                        .findFirst()
                        .get())
            + 1;
    assertEquals(line, unknown.get(0).line(), unknown.get(0).toConsoleLine());
  }

  @Test
  void kvLabelsOnTheStormServiceTemplateDoNotReachThePods() throws Exception {
    // RoleSet's renderStormServicePod starts from the role's template and inherits only "name"
    // from above, so labels on spec.template.metadata never reach a pod.
    String yaml =
        pd("{app: llama-pd}", "{app: llama-pd}")
            .replace("labels: {app: llama-pd}\n    spec:", "labels: " + LABELS + "\n    spec:");
    assertTrue(yaml.contains("labels: " + LABELS + "\n    spec:"), yaml);
    List<Violation> missing = of(validate(yaml), "kv-label-missing");
    // Each role lacks both labels, one finding per label.
    assertEquals(4, missing.size(), missing.toString());
    assertEquals(2, missing.stream().map(Violation::line).distinct().count(), missing.toString());
    assertTrue(
        missing.stream().allMatch(v -> v.message().contains("lacks label")), missing.toString());
  }

  @Test
  void aStormServiceOfAnotherApiGroupIsNotAibrixAndNotRead() throws Exception {
    List<Violation> found =
        validate(
            stormService(
                "example.com/v1", "1", role("decode", LABELS, "--enable-kv-cache-events")));
    assertEquals(List.of("schema-missing"), found.stream().map(Violation::rule).toList());
  }

  @Test
  void theHeadAndWorkerGroupsOfARayClusterFleetAreRead() throws Exception {
    String yaml =
        fleet(
            "",
            "",
            vllmTemplate(LABELS, "--kv-events-config, " + KV_CONFIG, 8),
            vllmTemplate(LABELS, "--kv-events-publisher, zmq", 10));
    List<Violation> found = validate(yaml);
    List<Violation> unknown = of(found, "kv-flag-unknown");
    assertEquals(1, unknown.size(), found.toString());
    List<String> lines = yaml.lines().toList();
    assertTrue(
        lines.get(unknown.get(0).line() - 1).contains("--kv-events-publisher")
            && unknown.get(0).line() > lines.indexOf("      workerGroupSpecs:"),
        found.toString());
    assertEquals(
        List.of(),
        found.stream().filter(v -> v.rule().startsWith("schema")).toList(),
        "the fleet is valid for its CRD");
  }

  @Test
  void anAutoscalerOfOneRoleChecksThatRoleOnly() throws Exception {
    // decode publishes KV events but lacks the labels; prefill is right.
    String storm = pd(LABELS, "{app: llama-pd}");
    assertEquals(
        List.of(),
        of(
            validate(storm + roleAutoscaler("", "subTargetSelector: {roleName: prefill}")),
            "autoscaler-target"));
    List<Violation> decode =
        of(
            validate(storm + roleAutoscaler("", "subTargetSelector: {roleName: decode}")),
            "autoscaler-target");
    assertEquals(1, decode.size(), decode.toString());
    assertTrue(decode.get(0).message().contains("role 'decode'"), decode.get(0).message());
    assertTrue(
        decode.get(0).fix().contains("/spec/template/spec/roles/1/template/metadata/labels"),
        decode.get(0).fix());
    // Without a role, the whole StormService is scaled: decode is reported too.
    assertEquals(1, of(validate(storm + roleAutoscaler("", "")), "autoscaler-target").size());
  }

  @Test
  void autoscalerRoleNeedsAStormServiceAndOneOfItsRoles() throws Exception {
    String storm = pd(LABELS, LABELS);
    List<Violation> misspelt =
        of(
            validate(storm + roleAutoscaler("", "subTargetSelector: {roleName: decoder}")),
            "autoscaler-role");
    assertEquals(1, misspelt.size());
    assertTrue(misspelt.get(0).message().contains("prefill, decode"), misspelt.get(0).message());
    assertTrue(misspelt.get(0).message().contains("fails every scale"));

    List<Violation> noRole =
        of(validate(storm + roleAutoscaler("", "subTargetSelector: {}")), "autoscaler-role");
    assertEquals(1, noRole.size());
    assertTrue(noRole.get(0).fix().contains("storm-service-mode: replica"), noRole.get(0).fix());

    String replica = ", annotations: {autoscaling.aibrix.ai/storm-service-mode: replica}";
    assertEquals(
        List.of(),
        validate(storm + roleAutoscaler(replica, "subTargetSelector: {}")),
        "replica mode scales spec.replicas without a role");
    List<Violation> replicaMisspelt =
        of(
            validate(storm + roleAutoscaler(replica, "subTargetSelector: {roleName: decoder}")),
            "autoscaler-role");
    assertEquals(1, replicaMisspelt.size());
    assertTrue(replicaMisspelt.get(0).message().contains("scales on nothing"));

    List<Violation> deployment =
        of(
            validate(
                autoscaler("", "Deployment", "llama", "subTargetSelector: {roleName: decode}")),
            "autoscaler-role");
    assertEquals(1, deployment.size());
    assertTrue(deployment.get(0).message().contains("only a StormService"));
    // A StormService outside the set: the role cannot be checked, and nothing is claimed.
    assertEquals(
        List.of(),
        of(
            validate(
                autoscaler("", "StormService", "elsewhere", "subTargetSelector: {roleName: x}")),
            "autoscaler-role"));
  }

  @Test
  void autoscalerReplicasLeavesAStormServiceAloneButNotAFleet() throws Exception {
    String storm =
        stormService(AIBRIX, "2", role("decode", LABELS, "--kv-events-config, " + KV_CONFIG));
    assertEquals(
        List.of(), validate(storm + roleAutoscaler("", "")), "a StormService needs its replicas");
    String fleet =
        fleet(
            "",
            "replicas: 2",
            vllmTemplate(LABELS, "--kv-events-config, " + KV_CONFIG, 8),
            RAY_WORKER);
    List<Violation> found = validate(fleet + autoscaler("", "RayClusterFleet", "llama", ""));
    assertEquals(List.of("autoscaler-replicas"), found.stream().map(Violation::rule).toList());
  }

  @Test
  void theControllerManagerIsOnlyNeededAtTheScaledRole() throws Exception {
    String yaml = pd(LABELS, LABELS) + roleAutoscaler("", "subTargetSelector: {roleName: decode}");
    ManifestSet set =
        new ManifestSet(
            new io.github.kvchart.aibrix.core.validate.ManifestParser()
                .parse("s.yaml", yaml)
                .documents());
    ScaleTarget target = ScaleTarget.of(set.ofKind("PodAutoscaler").get(0), set);
    assertEquals(List.of("decode"), target.pods(set).stream().map(PodTemplate::role).toList());
    assertEquals(
        List.of(false, true),
        set.podTemplates().stream()
            .map(pod -> ScaleTarget.reads(target.autoscaler(), pod))
            .toList());
  }

  @Test
  void aFleetServingOnAnotherPortNeedsThePortLabelOnItself() throws Exception {
    // The model router watches RayClusterFleets too and reads the fleet's own labels; vLLM runs
    // in the head group, the workers only join Ray. (The head's pods name the port for the
    // gateway's strategy-routed requests.)
    String head =
        vllmTemplate(
                LABELS.replace(
                    "}",
                    ", model.aibrix.ai/port: \"8080\", model.aibrix.ai/metric-port: \"8080\","
                        + " model.aibrix.ai/engine: vllm}"),
                "--port, \"8080\", --kv-events-config, " + KV_CONFIG,
                8)
            .replace("containerPort: 8000", "containerPort: 8080");
    List<Violation> unlabelled = of(validate(fleet("", "", head, RAY_WORKER)), "model-port-label");
    assertEquals(1, unlabelled.size(), unlabelled.toString());
    assertTrue(unlabelled.get(0).message().contains("RayClusterFleet has no"));
    assertEquals(
        List.of(), validate(fleet(", model.aibrix.ai/port: \"8080\"", "", head, RAY_WORKER)));
  }

  @Test
  void oddShapesAreLeftToTheSchemaCheck() throws Exception {
    for (String roles : List.of("{prefill: {}}", "prefill", "[prefill, {name: x, template: 3}]")) {
      String yaml =
          stormService(AIBRIX, "1").replace("roles:\n", "roles: " + roles + "\n")
              + roleAutoscaler("", "subTargetSelector: {roleName: decode}");
      List<Violation> found = validate(yaml);
      assertTrue(found.stream().anyMatch(v -> v.rule().startsWith("schema")), roles + ": " + found);
    }
    String fleet = fleet("", "", vllmTemplate(LABELS, "--kv-events-config, " + KV_CONFIG, 8), "");
    String workers =
        fleet.substring(0, fleet.indexOf("      workerGroupSpecs:"))
            + "      workerGroupSpecs: {a: 1}\n";
    List<Violation> found = validate(workers);
    assertTrue(found.stream().anyMatch(v -> v.rule().startsWith("schema")), found.toString());
  }
}
