package io.github.kvchart.aibrix.core.contract;

import io.github.kvchart.aibrix.core.image.Version;

/**
 * A targetMetric name the AIBrix autoscaler maps to a vLLM metric, and the releases that know it.
 *
 * @param until the first AIBrix release without the name, or null
 */
public record AutoscalerMetric(String name, String vllmMetric, Version since, Version until) {
  /** Whether AIBrix {@code release} maps this name. */
  public boolean knownTo(Version release) {
    return release.compareTo(since) >= 0 && (until == null || release.compareTo(until) < 0);
  }
}
