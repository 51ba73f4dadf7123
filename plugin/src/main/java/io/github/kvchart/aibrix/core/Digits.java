package io.github.kvchart.aibrix.core;

/**
 * Short runs of decimal digits read without a regular expression: ports, ranks, list indexes.
 * {@code String.matches} compiles its pattern at every call, and the contract rules ask for every
 * pod of a fleet.
 */
public final class Digits {
  private Digits() {}

  /**
   * The value of {@code text} when it is 1 to {@code maxDigits} ASCII digits (what {@code
   * [0-9]{1,maxDigits}} matches), else -1. {@code maxDigits} is at most 9, so the value fits an
   * int.
   */
  public static int value(String text, int maxDigits) {
    if (maxDigits < 1 || maxDigits > 9) {
      throw new IllegalArgumentException("maxDigits must be 1 to 9: " + maxDigits);
    }
    if (text == null || text.isEmpty() || text.length() > maxDigits) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
