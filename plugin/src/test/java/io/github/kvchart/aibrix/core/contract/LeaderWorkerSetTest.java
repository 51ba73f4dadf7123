package io.github.kvchart.aibrix.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.validate.Fixtures;
import io.github.kvchart.aibrix.core.validate.ManifestParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LeaderWorkerSet (kubernetes-sigs/lws v0.10.0): the leader comes from leaderTemplate, or from
 * workerTemplate when there is none; size - 1 workers come from workerTemplate. The model label on
 * workers that serve nothing sends them requests (model-worker-pods).
 */
class LeaderWorkerSetTest {
  @TempDir Path temp;

  private static final String LEADER =
      """
          leaderTemplate:
            metadata:
              labels: {model.aibrix.ai/name: llama, model.aibrix.ai/port: "8080", model.aibrix.ai/metric-port: "8080"}
            spec:
              containers:
                - name: vllm
                  image: vllm/vllm-openai:v0.11.0
                  command: [sh, -c, 'ray start --head && vllm serve m --served-model-name llama --port 8080']
      """;

  /**
   * A LeaderWorkerSet of {@code size} (null: unset) with {@code group} under leaderWorkerTemplate.
   */
  private static String lws(String apiVersion, String size, String group) {
    return """
        apiVersion: %s
        kind: LeaderWorkerSet
        metadata: {name: llama, labels: {model.aibrix.ai/name: llama, model.aibrix.ai/port: "8080", model.aibrix.ai/metric-port: "8080"}}
        spec:
          leaderWorkerTemplate:
        %s%s"""
        .formatted(apiVersion, size == null ? "" : "    size: " + size + "\n", group);
  }

  /**
   * A workerTemplate whose one container is started by {@code start} ("command: [...]" or "args:
   * [...]").
   */
  private static String worker(String labels, String start) {
    return """
            workerTemplate:
              metadata:
                labels: %s
              spec:
                containers:
                  - name: vllm
                    image: vllm/vllm-openai:v0.11.0
                    %s
        """
        .formatted(labels, start);
  }

  private static final String RAY_WORKER =
      "command: [sh, -c, 'ray start --address=$(LWS_LEADER_ADDRESS) --block']";

  private static final String LABELLED = "{model.aibrix.ai/name: llama}";

  /** The labels of pods that serve vLLM's API on 8080 (the gateway sends to the port label). */
  private static final String SERVING =
      "{model.aibrix.ai/name: llama, model.aibrix.ai/port: '8080', model.aibrix.ai/metric-port: '8080'}";

  private static List<PodTemplate> templates(String yaml) {
    var document = new ManifestParser().parse("l.yaml", yaml).documents().get(0);
    return PodTemplate.of(document);
  }

  private List<String> rules(String yaml) throws Exception {
    return Fixtures.validate(temp, yaml, "1.32").stream().map(Violation::rule).toList();
  }

  @Test
  void leaderAndWorkerTemplatesAreRead() {
    List<PodTemplate> both =
        templates(lws("leaderworkerset.x-k8s.io/v1", "4", LEADER + worker("{a: b}", RAY_WORKER)));
    assertEquals(
        List.of(
            "/spec/leaderWorkerTemplate/leaderTemplate",
            "/spec/leaderWorkerTemplate/workerTemplate"),
        both.stream().map(PodTemplate::pointer).toList());
    assertEquals(List.of(false, true), both.stream().map(PodTemplate::groupWorkers).toList());
    assertEquals(8080, both.get(0).vllmPort().orElseThrow());
  }

  @Test
  void sizeOneHasNoWorkersAndAMissingLeaderTemplateLeadsFromTheWorkerTemplate() {
    String group = LEADER + worker("{a: b}", RAY_WORKER);
    assertEquals(1, templates(lws("leaderworkerset.x-k8s.io/v1", null, group)).size());
    assertEquals(1, templates(lws("leaderworkerset.x-k8s.io/v1", "1", group)).size());
    List<PodTemplate> shared =
        templates(lws("leaderworkerset.x-k8s.io/v1", "2", worker("{a: b}", RAY_WORKER)));
    assertEquals(1, shared.size());
    assertEquals(true, shared.get(0).groupWorkers());
    assertEquals(
        false,
        templates(lws("leaderworkerset.x-k8s.io/v1", null, worker("{a: b}", RAY_WORKER)))
            .get(0)
            .groupWorkers());
    assertEquals(List.of(), templates(lws("example.com/v1", "2", group)));
  }

  /** What a group of two with LEADER and a worker started by {@code start} breaks. */
  private List<String> groupOfTwo(String workerLabels, String start) throws Exception {
    return rules(lws("leaderworkerset.x-k8s.io/v1", "2", LEADER + worker(workerLabels, start)));
  }

  @Test
  void labelledWorkersThatServeNothingAreReported() throws Exception {
    List<String> reported = List.of("model-worker-pods");
    assertEquals(reported, groupOfTwo(LABELLED, RAY_WORKER));
    assertEquals(
        reported,
        groupOfTwo(
            LABELLED, "command: [vllm, serve, m, --headless, --data-parallel-start-rank, '1']"));
    // the image's entry point is vllm serve
    assertEquals(reported, groupOfTwo(LABELLED, "args: [m, --headless]"));
    // a worker template that also leads the group runs the server in its script
    assertEquals(
        List.of(),
        rules(
            lws(
                "leaderworkerset.x-k8s.io/v1",
                "2",
                worker(
                    SERVING,
                    "command: [sh, -c, 'if [ \"$LWS_WORKER_INDEX\" = 0 ]; then vllm serve m"
                        + " --served-model-name llama --port 8080; else ray start"
                        + " --address=$LWS_LEADER_ADDRESS --block; fi']"))));
  }

  @Test
  void workersThatServeOrRunUnknownScriptsAreLeftAlone() throws Exception {
    assertEquals(
        List.of(),
        groupOfTwo(
            SERVING, "command: [vllm, serve, m, --served-model-name, llama, --port, '8080']"));
    assertEquals(List.of(), groupOfTwo(LABELLED, "command: [/opt/start.sh, worker]"));
    assertEquals(List.of(), groupOfTwo("{role: worker}", RAY_WORKER));
    assertEquals(
        List.of(), groupOfTwo(SERVING, "args: [m, --served-model-name, llama, --port, '8080']"));
  }

  @Test
  void theRouteLabelNamesTheLeadersPort() throws Exception {
    String yaml =
        lws("leaderworkerset.x-k8s.io/v1", "2", LEADER + worker("{a: b}", RAY_WORKER))
            .replaceFirst("model.aibrix.ai/port: \"8080\"", "model.aibrix.ai/port: \"8000\"");
    assertEquals(List.of("model-port-label"), rules(yaml));
  }
}
