package io.github.kvchart.aibrix.core;

/**
 * The DNS name formats of Kubernetes (apimachinery {@code util/validation/validation.go}) that more
 * than the API-server checks need: a Service's name, which AIBrix's HTTPRoute names after the
 * model, is one.
 */
public final class DnsNames {
  private DnsNames() {}

  /** What a DNS-1035 label is, for messages. */
  public static final String DNS_1035_LABEL =
      "a DNS-1035 label: at most 63 characters of a-z, 0-9 and '-',"
          + " starting with a letter and ending with a letter or digit";

  /** IsDNS1123Label: at most 63 of [a-z0-9-], starting and ending with a letter or digit. */
  public static boolean isDnsLabel(String text) {
    if (text.isEmpty() || text.length() > 63) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!alphanumeric && (c != '-' || i == 0 || i == text.length() - 1)) {
        return false;
      }
    }
    return true;
  }

  /** IsDNS1035Label (a Service's name): a DNS-1123 label that starts with a letter. */
  public static boolean isDns1035Label(String text) {
    return isDnsLabel(text) && text.charAt(0) >= 'a' && text.charAt(0) <= 'z';
  }

  /** A lower-case spelling of {@code name} that DNS formats accept, for fixes. */
  public static String lowerCaseName(String name) {
    String lower =
        name.toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^[^a-z]+|-+$", "");
    return lower.isEmpty() ? "my-name" : lower.length() > 52 ? lower.substring(0, 52) : lower;
  }
}
