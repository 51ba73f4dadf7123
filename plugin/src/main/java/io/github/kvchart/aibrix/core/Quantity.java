package io.github.kvchart.aibrix.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes quantity (apimachinery resource.ParseQuantity, suffix.go): a signed decimal number
 * and an optional binary (Ki..Ei), decimal (n, u, m, k, M..E) or exponent (e3) suffix, read as its
 * exact value.
 */
public final class Quantity {
  private static final Pattern GRAMMAR =
      Pattern.compile(
          "([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?");

  private Quantity() {}

  /** The value of {@code text}, or empty when it is not a quantity. */
  public static Optional<BigDecimal> parse(String text) {
    int digits = Digits.value(text, 9);
    if (digits >= 0) {
      return Optional.of(BigDecimal.valueOf(digits)); // the common case, without the grammar
    }
    Matcher matcher = GRAMMAR.matcher(text);
    if (text.length() > 64 || !matcher.matches()) {
      return Optional.empty();
    }
    BigDecimal number = new BigDecimal(matcher.group(1));
    String suffix = matcher.group(2);
    if (suffix == null) {
      return Optional.of(number);
    }
    if (suffix.length() == 2 && suffix.charAt(1) == 'i') {
      int power = "KMGTPE".indexOf(suffix.charAt(0)) + 1;
      return Optional.of(number.multiply(BigDecimal.valueOf(1L << (10 * power))));
    }
    if (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E') {
      int exponent = Integer.parseInt(suffix.substring(1).replace("+", ""));
      return Math.abs(exponent) > 1000
          ? Optional.empty()
          : Optional.of(number.scaleByPowerOfTen(exponent));
    }
    int exponent = 3 * ("num kMGTPE".indexOf(suffix.charAt(0)) - 3);
    return Optional.of(number.scaleByPowerOfTen(exponent));
  }

  /** The value of a quantity written as a YAML string or number, or empty. */
  public static Optional<BigDecimal> of(JsonNode node) {
    if (node.isNumber()) {
      return Optional.of(node.decimalValue());
    }
    return node.isTextual() ? parse(node.asText()) : Optional.empty();
  }
}
