package io.github.kvchart.aibrix.core.model;

import java.util.regex.Pattern;

/** SemVer 2.0.0 syntax, which Helm requires of a chart version. */
public final class SemVer {
  private static final Pattern SEMVER =
      Pattern.compile(
          "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)"
              + "(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
              + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

  private SemVer() {}

  public static boolean isValid(String version) {
    return version != null && SEMVER.matcher(version).matches();
  }
}
