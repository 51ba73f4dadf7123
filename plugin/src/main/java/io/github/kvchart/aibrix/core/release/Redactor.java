package io.github.kvchart.aibrix.core.release;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes credentials out of text that may reach the log or a report: the password itself, the Basic
 * token made of it, any Authorization or Bearer value, and user-info in URLs.
 */
final class Redactor {
  private static final Pattern AUTHORIZATION =
      Pattern.compile("(?i)(authorization\"?\\s*[:=]\\s*\\[?\"?)(basic|bearer)?\\s*[^\\s\",\\]]+");
  private static final Pattern BEARER =
      Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}");
  private static final Pattern USER_INFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]+@");
  private static final String HIDDEN = "****";

  private final List<String> secrets = new ArrayList<>();

  Redactor(String username, String password) {
    if (password != null && !password.isEmpty()) {
      secrets.add(password);
      if (username != null) {
        secrets.add(
            Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
      }
    }
  }

  /** {@code text} with every credential replaced by ****. */
  String redact(String text) {
    if (text == null) {
      return "";
    }
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, HIDDEN);
    }
    out = AUTHORIZATION.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + HIDDEN));
    out = BEARER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " " + HIDDEN));
    return USER_INFO
        .matcher(out)
        .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + HIDDEN + "@"));
  }

  /** A URL as it may be shown: user-info replaced. */
  static String url(String url) {
    return USER_INFO
        .matcher(url == null ? "" : url)
        .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + HIDDEN + "@"));
  }
}
