package io.github.kvchart.aibrix.core.contract;

import io.github.kvchart.aibrix.core.image.Version;

/**
 * Whether an AIBrix PodAutoscaler's {@code targetMetric} reads a real value from a vLLM pod: the
 * AIBrix release must map the name to a vLLM metric (from v0.5.0 through its registry, before that
 * by substring), and the vLLM release must emit that metric (not yet added, hidden without {@code
 * --show-hidden-metrics-for-version}, or removed all read as 0).
 *
 * @param problem why it reads nothing, or null when it works
 */
public record MetricVerdict(String problem) {
  private static final MetricVerdict WORKS = new MetricVerdict(null);

  public boolean works() {
    return problem == null;
  }

  /**
   * The verdict for {@code metric} under AIBrix {@code aibrix} and a vLLM image of {@code vllm}
   * (null when its release is unknown) started with {@code showHidden} as the value of {@code
   * --show-hidden-metrics-for-version} (null when absent).
   */
  public static MetricVerdict of(
      KvContract contract, Version aibrix, Version vllm, String metric, String showHidden) {
    AutoscalerMetric mapped = contract.aibrix().autoscalerMetrics().get(metric);
    String vllmName;
    if (aibrix.compareTo(contract.aibrix().autoscalerRegistryFrom()) >= 0) {
      if (mapped == null || !mapped.knownTo(aibrix)) {
        return new MetricVerdict(
            "AIBrix "
                + aibrix
                + " has no metric '"
                + metric
                + "' in its autoscaler registry, so the autoscaler reads 0");
      }
      vllmName = mapped.vllmMetric();
    } else {
      vllmName = mapped != null ? mapped.vllmMetric() : "vllm:" + metric;
    }
    VllmMetric lifecycle = contract.vllm().metrics().get(vllmName);
    if (vllm == null || lifecycle == null) {
      return WORKS;
    }
    return switch (lifecycle.presenceIn(vllm)) {
      case EMITTED -> WORKS;
      case NOT_YET ->
          new MetricVerdict(
              "vLLM "
                  + vllm
                  + " does not emit "
                  + vllmName
                  + " yet (it comes in "
                  + lifecycle.since()
                  + "), so the autoscaler reads 0");
      case REMOVED ->
          new MetricVerdict(
              "vLLM "
                  + vllm
                  + " no longer emits "
                  + vllmName
                  + " (removed in "
                  + lifecycle.removedIn()
                  + "), so the autoscaler reads 0");
      case HIDDEN ->
          lifecycle.showHiddenValue().equals(showHidden)
              ? WORKS
              : new MetricVerdict(
                  "vLLM "
                      + vllm
                      + " hides "
                      + vllmName
                      + " (from "
                      + lifecycle.hiddenFrom()
                      + ") unless started with "
                      + contract.vllm().showHiddenMetricsFlag()
                      + "="
                      + lifecycle.showHiddenValue()
                      + ", so the autoscaler reads 0");
    };
  }

  /** The contract's preferred KV-cache metric that works for this pair, or null when none does. */
  public static String kvCacheMetric(
      KvContract contract, Version aibrix, Version vllm, String showHidden) {
    for (String metric : contract.aibrix().kvCacheMetrics()) {
      if (of(contract, aibrix, vllm, metric, showHidden).works()) {
        return metric;
      }
    }
    return null;
  }
}
