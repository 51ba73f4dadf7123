package io.github.kvchart.aibrix.core.contract;

import io.github.kvchart.aibrix.core.image.Version;

/**
 * A vLLM metric whose presence changed across releases. Any bound may be null.
 *
 * @param deprecatedIn the X.Y that {@code --show-hidden-metrics-for-version} must name to show it
 *     while hidden
 */
public record VllmMetric(
    String name, Version since, Version deprecatedIn, Version hiddenFrom, Version removedIn) {

  /** How an image of {@code release} exposes it. */
  public Presence presenceIn(Version release) {
    if (since != null && release.compareTo(since) < 0) {
      return Presence.NOT_YET;
    }
    if (removedIn != null && release.compareTo(removedIn) >= 0) {
      return Presence.REMOVED;
    }
    if (hiddenFrom != null && release.compareTo(hiddenFrom) >= 0) {
      return Presence.HIDDEN;
    }
    return Presence.EMITTED;
  }

  /** The value {@code --show-hidden-metrics-for-version} needs to show it again ("0.10"). */
  public String showHiddenValue() {
    return deprecatedIn == null ? "" : deprecatedIn.parts()[0] + "." + deprecatedIn.parts()[1];
  }

  /** Whether a metric is there in a release. */
  public enum Presence {
    NOT_YET,
    EMITTED,
    HIDDEN,
    REMOVED
  }
}
