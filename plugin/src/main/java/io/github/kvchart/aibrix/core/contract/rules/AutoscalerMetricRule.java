package io.github.kvchart.aibrix.core.contract.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.Json;
import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.contract.MetricVerdict;
import io.github.kvchart.aibrix.core.contract.PodTemplate;
import io.github.kvchart.aibrix.core.contract.ScaleTarget;
import io.github.kvchart.aibrix.core.contract.VllmContainer;
import io.github.kvchart.aibrix.core.image.ImageReference;
import io.github.kvchart.aibrix.core.image.Version;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * autoscaler-metric: a PodAutoscaler's pod metric must be one the AIBrix release maps to a vLLM
 * metric and the target's vLLM image emits (hidden metrics count only with {@code
 * --show-hidden-metrics-for-version}). Anything else reads as 0 and scales the model down.
 */
public final class AutoscalerMetricRule implements ContractRule {
  private final Version aibrixVersion;

  /** {@code aibrixVersion} is the user's AIBrix release, or null for the contract's newest. */
  public AutoscalerMetricRule(Version aibrixVersion) {
    this.aibrixVersion = aibrixVersion;
  }

  @Override
  public String id() {
    return "autoscaler-metric";
  }

  @Override
  public String description() {
    return "A PodAutoscaler's targetMetric is mapped by AIBrix and emitted by the target's vLLM.";
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    Version aibrix = aibrixVersion != null ? aibrixVersion : contract.newestAibrixRelease();
    for (ManifestDocument autoscaler : manifests.ofKind("PodAutoscaler")) {
      JsonNode spec = autoscaler.root().path("spec");
      ScaleTarget scaled = ScaleTarget.of(autoscaler, manifests);
      VllmContainer vllm = vllm(scaled.pods(manifests));
      Version release =
          vllm == null
              ? null
              : java.util.Optional.ofNullable(ImageReference.parse(vllm.image()))
                  .flatMap(ImageReference::version)
                  .orElse(null);
      String showHidden =
          vllm == null
              ? null
              : vllm.flag(contract.vllm().showHiddenMetricsFlag())
                  .map(VllmContainer.Flag::value)
                  .orElse(null);
      JsonNode sources = Json.items(spec.path("metricsSources"));
      if (vllm != null
          && hasPodSource(sources)
          && aibrix.compareTo(contract.aibrix().autoscalerRegistryFrom()) >= 0) {
        engineProblem(vllm, contract, severity).ifPresent(violations::add);
      }
      for (int i = 0; i < sources.size(); i++) {
        JsonNode source = sources.get(i);
        if (!"pod".equals(source.path("metricSourceType").asText())
            || !source.path("targetMetric").isTextual()) {
          continue;
        }
        if (vllm != null) {
          portProblem(autoscaler, i, source, vllm, aibrix, contract.defaultServingPort(), severity)
              .ifPresent(violations::add);
        }
        String metric = source.path("targetMetric").asText();
        MetricVerdict verdict = MetricVerdict.of(contract, aibrix, release, metric, showHidden);
        if (verdict.works()) {
          continue;
        }
        String better = MetricVerdict.kvCacheMetric(contract, aibrix, release, showHidden);
        violations.add(
            autoscaler.violation(
                "/spec/metricsSources/" + i + "/targetMetric",
                id(),
                severity,
                "targetMetric '"
                    + metric
                    + "'"
                    + (scaled.workload() == null ? "" : " of " + scaled.describe())
                    + ": "
                    + verdict.problem()
                    + " and scales the model down"
                    + (aibrixVersion == null ? " (checked for AIBrix " + aibrix + ")" : "")
                    + ".",
                better != null
                    ? "Use targetMetric: " + better + "."
                    : "No KV-cache metric works for AIBrix "
                        + aibrix
                        + " with vLLM "
                        + release
                        + ": upgrade AIBrix to v0.6.0 or later (kv_cache_usage_perc), or scale on"
                        + " num_requests_waiting."));
      }
    }
    return violations;
  }

  private static boolean hasPodSource(JsonNode sources) {
    for (JsonNode source : sources) {
      if ("pod".equals(source.path("metricSourceType").asText())) {
        return true;
      }
    }
    return false;
  }

  /**
   * AIBrix reads a pod metric from {@code http://<pod IP>:<port>/metrics} (metrics/fetcher.go and
   * engine_fetcher.go; {@code path} is not used from v0.5.0 on), so {@code port} must be the port
   * vLLM serves on. A failed read counts as 0.
   */
  private java.util.Optional<Violation> portProblem(
      ManifestDocument autoscaler,
      int index,
      JsonNode source,
      VllmContainer vllm,
      Version aibrix,
      int defaultPort,
      Severity severity) {
    int serving = vllm.pod().vllmPort().orElse(defaultPort);
    String text = AutoscalerSpecRule.text(source, "port");
    boolean refused = text.isEmpty() && AutoscalerSpecRule.checks(aibrix);
    if (text.equals(Integer.toString(serving)) || refused || vllm.pod().vllmPortUnknown()) {
      return java.util.Optional.empty(); // a missing port is refused outright: autoscaler-spec
    }
    return java.util.Optional.of(
        autoscaler.violation(
            "/spec/metricsSources/" + index + (text.isEmpty() ? "" : "/port"),
            id(),
            severity,
            (text.isEmpty() ? "no port" : "port '" + text + "'")
                + ": AIBrix reads the metric from http://<pod IP>:"
                + text
                + "/metrics, but vLLM serves it on "
                + serving
                + "; every read fails, counts as 0 and scales the model down.",
            "Set port: \"" + serving + "\"."));
  }

  /**
   * AIBrix looks a pod metric up under the engine of the pod's model.aibrix.ai/engine label (vllm
   * when absent; metrics.GetEngineType), so a vLLM pod labelled another engine (or "vLLM") has no
   * mapping for it and reads 0.
   */
  private java.util.Optional<Violation> engineProblem(
      VllmContainer vllm, KvContract contract, Severity severity) {
    PodTemplate pod = vllm.pod();
    String key = contract.label("engine");
    JsonNode engine = pod.label(key);
    if (engine.isMissingNode() || engine.asText().isEmpty() || engine.asText().equals("vllm")) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        pod.document()
            .violation(
                pod.labelsPointer() + "/" + key.replace("/", "~1"),
                id(),
                severity,
                "the pod runs vLLM but is labelled "
                    + key
                    + ": "
                    + engine.asText()
                    + ", so AIBrix's autoscaler looks its metrics up for engine '"
                    + engine.asText()
                    + "', finds no vLLM metric there and reads 0.",
                "Set " + key + ": vllm."));
  }

  private static VllmContainer vllm(List<PodTemplate> pods) {
    for (PodTemplate pod : pods) {
      for (VllmContainer container : pod.containers()) {
        if (container.isVllm()) {
          return container;
        }
      }
    }
    return null;
  }
}
