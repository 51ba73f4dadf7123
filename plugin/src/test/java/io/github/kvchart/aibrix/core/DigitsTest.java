package io.github.kvchart.aibrix.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Digits.value answers as {@code [0-9]{1,n}} plus Integer.parseInt would. */
class DigitsTest {
  @Test
  void readsWhatTheRegularExpressionMatches() {
    assertEquals(8000, Digits.value("8000", 5));
    assertEquals(0, Digits.value("0", 1));
    assertEquals(7, Digits.value("007", 5));
    assertEquals(999_999_999, Digits.value("999999999", 9));
    assertEquals(-1, Digits.value("123456", 5));
    assertEquals(-1, Digits.value("", 5));
    assertEquals(-1, Digits.value(null, 5));
    assertEquals(-1, Digits.value("-1", 5));
    assertEquals(-1, Digits.value("+1", 5));
    assertEquals(-1, Digits.value(" 80", 5));
    assertEquals(-1, Digits.value("80 ", 5));
    assertEquals(-1, Digits.value("\u0663", 5), "an Arabic-Indic digit");
  }

  @Test
  void agreesWithStringMatchesOnRandomText() {
    Random random = new Random(14);
    String alphabet = "0123456789 -+.a/\u0663";
    for (int n = 0; n < 50_000; n++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        text.append(
            random.nextInt(4) == 0
                ? alphabet.charAt(random.nextInt(alphabet.length()))
                : (char) ('0' + random.nextInt(10)));
      }
      int max = 1 + random.nextInt(9);
      String value = text.toString();
      int expected = value.matches("[0-9]{1," + max + "}") ? Integer.parseInt(value) : -1;
      assertEquals(expected, Digits.value(value, max), "'" + value + "' with at most " + max);
    }
  }

  @Test
  void refusesALengthWhoseValueCouldOverflow() {
    assertThrows(IllegalArgumentException.class, () -> Digits.value("1", 10));
    assertThrows(IllegalArgumentException.class, () -> Digits.value("1", 0));
  }
}
