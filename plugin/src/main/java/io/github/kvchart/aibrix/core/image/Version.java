package io.github.kvchart.aibrix.core.image;

import java.util.Arrays;

/** A dotted release number (two to four parts) that compares numerically: 0.10.1.1 > 0.9.0. */
public record Version(int[] parts) implements Comparable<Version> {

  public static Version parse(String text) {
    String plain = text.startsWith("v") ? text.substring(1) : text;
    String[] pieces = plain.split("\\.");
    int[] parts = new int[pieces.length];
    for (int i = 0; i < pieces.length; i++) {
      parts[i] = Integer.parseInt(pieces[i]);
    }
    return new Version(parts);
  }

  /** Whether {@code text} is a dotted release number this class can read. */
  public static boolean isVersion(String text) {
    return text != null && text.matches("v?[0-9]{1,6}(\\.[0-9]{1,6}){1,3}");
  }

  @Override
  public int compareTo(Version other) {
    int length = Math.max(parts.length, other.parts.length);
    for (int i = 0; i < length; i++) {
      int mine = i < parts.length ? parts[i] : 0;
      int theirs = i < other.parts.length ? other.parts[i] : 0;
      if (mine != theirs) {
        return Integer.compare(mine, theirs);
      }
    }
    return 0;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Version version && compareTo(version) == 0;
  }

  @Override
  public int hashCode() {
    int length = parts.length;
    while (length > 0 && parts[length - 1] == 0) {
      length--;
    }
    return Arrays.hashCode(Arrays.copyOf(parts, length));
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("v");
    for (int i = 0; i < parts.length; i++) {
      text.append(i == 0 ? "" : ".").append(parts[i]);
    }
    return text.toString();
  }
}
