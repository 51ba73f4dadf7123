package io.github.kvchart.aibrix.core.validate;

import java.time.ZoneId;
import java.time.zone.ZoneRulesProvider;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A CronJob's {@code spec.timeZone} as the API server reads it (validateTimeZone in kubernetes'
 * batch validation): not empty; each '/'-separated part 1 to 14 of {@code [A-Za-z.-_0-9+]}, not '.'
 * or '..' and not starting with '-'; not Local; and a name Go's {@code time.LoadLocation} finds in
 * the API server's IANA database, case-sensitively.
 *
 * <p>That database may be newer than the JVM's (tzdata 2025b added America/Coyhaique), so only what
 * no database can hold is an error: a name in another case than a known one, a single name that is
 * no zone (IANA adds no new ones: PST, CEST), or an area that does not exist. A new name in a known
 * area that the JVM lacks is only doubted. The JVM's list is widened by the IANA names Java leaves
 * out (EST, MST, HST, GMT+0, GMT-0, ROC, Factory) and by a zoneinfo directory's {@code posix/} and
 * {@code right/} copies.
 */
final class CronTimeZone {
  private static final Pattern PART = Pattern.compile("[A-Za-z.\\-_0-9+]{1,14}");
  private static final Set<String> NOT_IN_JAVA =
      Set.of("EST", "MST", "HST", "GMT+0", "GMT-0", "ROC", "Factory", "posixrules", "localtime");

  private CronTimeZone() {}

  /** Why the API server refuses {@code zone}, or null. */
  static String problem(String zone) {
    if (zone.isEmpty()) {
      return "timeZone is empty; leave it out, or name a zone";
    }
    for (String part : zone.split("/", -1)) {
      if (part.equals(".")
          || part.equals("..")
          || part.startsWith("-")
          || !PART.matcher(part).matches()) {
        return "'" + zone + "' is not a time zone name";
      }
    }
    if (zone.equalsIgnoreCase("Local")) {
      return "timeZone may not be Local; the API server wants an explicit IANA zone";
    }
    String name = bare(zone);
    if (names().contains(name) || name.equals("UTC")) {
      return null;
    }
    int slash = name.indexOf('/');
    if (slash < 0 || !Names.AREAS.contains(name.substring(0, slash)) || otherCase(name) != null) {
      return "'" + zone + "' is not a time zone the API server knows";
    }
    return null;
  }

  /**
   * A warning for a name {@link #problem} takes that the JVM's database lacks: a zone newer than
   * it, or a misspelt one; or null.
   */
  static String doubt(String zone) {
    String name = bare(zone);
    if (problem(zone) != null || names().contains(name) || name.equals("UTC")) {
      return null;
    }
    return "'"
        + zone
        + "' is not in this JVM's time zone database (tzdata "
        + String.join(", ", ZoneRulesProvider.getVersions("UTC").keySet())
        + "); the API server refuses it unless its own database is newer and has it";
  }

  /** How to write {@code zone}: the known name that differs only in case, or an example. */
  static String fix(String zone) {
    String known = otherCase(bare(zone));
    return known != null
        ? "Write " + known + " (zone names are case-sensitive)."
        : "Name an IANA zone such as Europe/Berlin, America/Los_Angeles or Etc/UTC (an"
            + " abbreviation such as PST or CEST is not one), or leave timeZone out for the"
            + " controller's own.";
  }

  private static String otherCase(String name) {
    return names().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst().orElse(null);
  }

  /** The name without a zoneinfo directory's posix/ or right/ prefix. */
  private static String bare(String zone) {
    return zone.startsWith("posix/") || zone.startsWith("right/") ? zone.substring(6) : zone;
  }

  private static Set<String> names() {
    return Names.ALL;
  }

  /** Read on the first CronJob with a timeZone. */
  private static final class Names {
    static final Set<String> ALL = all();
    static final Set<String> AREAS =
        ALL.stream()
            .filter(n -> n.indexOf('/') > 0)
            .map(n -> n.substring(0, n.indexOf('/')))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static Set<String> all() {
      Set<String> names = new HashSet<>(ZoneId.getAvailableZoneIds());
      names.addAll(NOT_IN_JAVA);
      return Set.copyOf(names);
    }
  }
}
