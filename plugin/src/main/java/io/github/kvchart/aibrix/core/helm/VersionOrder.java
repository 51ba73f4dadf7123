package io.github.kvchart.aibrix.core.helm;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A total order on chart versions that never throws: SemVer 2 versions by precedence (numeric
 * identifiers numerically, a pre-release before its release, build metadata ignored, then the text
 * as a tie-break), and every other string after all of them, by its text.
 */
final class VersionOrder implements Comparator<String> {
  static final VersionOrder INSTANCE = new VersionOrder();

  private static final Pattern SEMVER =
      Pattern.compile(
          "v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)"
              + "(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
              + "(?:\\+[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*)?");

  /** The index's order: SemVer versions newest first, then every other version by its text. */
  static int newestFirst(String a, String b) {
    boolean left = SEMVER.matcher(a).matches();
    boolean right = SEMVER.matcher(b).matches();
    return left && right ? INSTANCE.compare(b, a) : INSTANCE.compare(a, b);
  }

  @Override
  public int compare(String a, String b) {
    Matcher x = SEMVER.matcher(a);
    Matcher y = SEMVER.matcher(b);
    boolean left = x.matches();
    boolean right = y.matches();
    if (left != right) {
      return left ? -1 : 1;
    }
    if (!left) {
      return a.compareTo(b);
    }
    for (int group = 1; group <= 3; group++) {
      int order = new BigInteger(x.group(group)).compareTo(new BigInteger(y.group(group)));
      if (order != 0) {
        return order;
      }
    }
    int order = comparePreRelease(x.group(4), y.group(4));
    return order != 0 ? order : a.compareTo(b);
  }

  private static int comparePreRelease(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      boolean xNumeric = x[i].matches("\\d+");
      boolean yNumeric = y[i].matches("\\d+");
      int order;
      if (xNumeric && yNumeric) {
        order = new BigInteger(x[i]).compareTo(new BigInteger(y[i]));
      } else if (xNumeric != yNumeric) {
        order = xNumeric ? -1 : 1;
      } else {
        order = x[i].compareTo(y[i]);
      }
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(x.length, y.length);
  }
}
