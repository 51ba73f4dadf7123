package io.github.kvchart.aibrix.core.contract;

import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.manifest.Severity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Per-rule levels from {@code aibrix-chart.rules}, e.g. {@code
 * kv-replay-disabled=off,kv-image-version=warning}. Unknown ids and levels are errors.
 */
public final class RuleSettings {
  /** A rule's level: off, or a severity. */
  public enum Level {
    OFF,
    WARNING,
    ERROR
  }

  private final Map<String, Level> levels;

  private RuleSettings(Map<String, Level> levels) {
    this.levels = levels;
  }

  public static RuleSettings none() {
    return new RuleSettings(Map.of());
  }

  /** Parses {@code spec}; {@code known} is every rule id (contract and schema rules). */
  public static RuleSettings parse(String spec, Set<String> known) throws InvalidInputException {
    Map<String, Level> levels = new LinkedHashMap<>();
    if (spec == null || spec.isBlank()) {
      return new RuleSettings(levels);
    }
    for (String entry : spec.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] parts = entry.trim().split("=", 2);
      if (!known.contains(parts[0].trim())) {
        throw new InvalidInputException(
            null,
            "aibrix-chart.rules names an unknown rule '" + parts[0].trim() + "'.",
            "Known rules: " + String.join(", ", new TreeSet<>(known)) + ".");
      }
      Level level;
      try {
        level =
            Level.valueOf(
                parts.length < 2 ? "" : parts[1].trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(
            null,
            "aibrix-chart.rules entry '" + entry.trim() + "' has no valid level.",
            "Write id=off, id=warning or id=error.");
      }
      levels.put(parts[0].trim(), level);
    }
    return new RuleSettings(levels);
  }

  /** The level for {@code rule}, or its default severity when not configured; null means off. */
  public Severity severity(String rule, Severity defaultSeverity) {
    Level level = levels.get(rule);
    if (level == null) {
      return defaultSeverity;
    }
    return switch (level) {
      case OFF -> null;
      case WARNING -> Severity.WARNING;
      case ERROR -> Severity.ERROR;
    };
  }
}
