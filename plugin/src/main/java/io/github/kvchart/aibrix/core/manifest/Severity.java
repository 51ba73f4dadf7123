package io.github.kvchart.aibrix.core.manifest;

import java.util.Locale;

/** How bad a violation is: errors fail the build, warnings only with failOnWarning. */
public enum Severity {
  ERROR,
  WARNING;

  /** "error" or "warning", as reports write it. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
