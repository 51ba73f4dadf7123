package io.github.kvchart.aibrix.core.validate;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CronJob's schedule as the API server reads it: robfig/cron v3's ParseStandard (five fields, or
 * a descriptor such as {@code @hourly} or {@code @every 1h30m}), and no TZ or CRON_TZ in it
 * (validateScheduleFormat in kubernetes' batch validation, which wants the timeZone field).
 */
final class CronSchedule {
  /** One field's bounds and names. */
  private record Bounds(String name, int min, int max, Map<String, Integer> names) {}

  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("jan", 1),
          Map.entry("feb", 2),
          Map.entry("mar", 3),
          Map.entry("apr", 4),
          Map.entry("may", 5),
          Map.entry("jun", 6),
          Map.entry("jul", 7),
          Map.entry("aug", 8),
          Map.entry("sep", 9),
          Map.entry("oct", 10),
          Map.entry("nov", 11),
          Map.entry("dec", 12));
  private static final Map<String, Integer> DAYS =
      Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5, "sat", 6);

  private static final List<Bounds> FIELDS =
      List.of(
          new Bounds("minute", 0, 59, Map.of()),
          new Bounds("hour", 0, 23, Map.of()),
          new Bounds("day of month", 1, 31, Map.of()),
          new Bounds("month", 1, 12, MONTHS),
          new Bounds("day of week", 0, 6, DAYS));

  private static final List<String> DESCRIPTORS =
      List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");

  private CronSchedule() {}

  /** Why the API server refuses {@code schedule}, or null. */
  static String problem(String schedule) {
    if (schedule.contains("TZ")) {
      return "it names a time zone (TZ or CRON_TZ), which the API server wants in the timeZone"
          + " field";
    }
    if (schedule.isEmpty()) {
      return "it is empty";
    }
    if (schedule.startsWith("@")) { // matched whole, as robfig/cron does
      if (DESCRIPTORS.contains(schedule)) {
        return null;
      }
      if (schedule.startsWith("@every ")) {
        String duration = schedule.substring("@every ".length());
        return duration(duration) ? null : "'" + duration + "' is not a duration such as 1h30m";
      }
      return "descriptor '"
          + schedule
          + "' is not one of "
          + String.join(", ", DESCRIPTORS)
          + " or @every <duration>";
    }
    String spec = schedule.strip();
    String[] fields = spec.isEmpty() ? new String[0] : spec.split("\\s+");
    if (fields.length != 5) {
      return "it has "
          + fields.length
          + " fields; a schedule has five (minute hour day-of-month month day-of-week), without"
          + " seconds";
    }
    for (int i = 0; i < 5; i++) {
      String problem = field(fields[i], FIELDS.get(i));
      if (problem != null) {
        return "its " + FIELDS.get(i).name() + " field '" + fields[i] + "' " + problem;
      }
    }
    return null;
  }

  private static String field(String field, Bounds bounds) {
    for (String range : field.split(",", -1)) {
      String problem = range(range, bounds);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  /** getRange: [*|?|low[-high]][/step]. */
  private static String range(String expr, Bounds bounds) {
    String[] rangeAndStep = expr.split("/", -1);
    if (rangeAndStep.length > 2) {
      return "has too many slashes";
    }
    String[] lowAndHigh = rangeAndStep[0].split("-", -1);
    if (lowAndHigh.length > 2) {
      return "has too many hyphens";
    }
    boolean star = lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?");
    long start;
    long end;
    if (star) {
      start = bounds.min();
      end = bounds.max();
    } else {
      start = value(lowAndHigh[0], bounds);
      if (start < 0) {
        return "holds '" + lowAndHigh[0] + "', which is not a number" + names(bounds);
      }
      end = start;
      if (lowAndHigh.length == 2) {
        end = value(lowAndHigh[1], bounds);
        if (end < 0) {
          return "holds '" + lowAndHigh[1] + "', which is not a number" + names(bounds);
        }
      }
    }
    if (rangeAndStep.length == 2) {
      long step = number(rangeAndStep[1]);
      if (step < 0) {
        return "has step '" + rangeAndStep[1] + "', which is not a number";
      }
      if (step == 0) {
        return "has a step of 0";
      }
      if (!star && lowAndHigh.length == 1) {
        end = bounds.max(); // "N/step" means N-max/step
      }
    }
    if (start < bounds.min()) {
      return "starts below " + bounds.min();
    }
    if (end > bounds.max()) {
      return "ends above " + bounds.max();
    }
    if (start > end) {
      return "has a range that starts after its end";
    }
    return null;
  }

  private static String names(Bounds bounds) {
    return bounds.names().isEmpty()
        ? ""
        : " or a name such as " + bounds.names().keySet().iterator().next();
  }

  private static long value(String text, Bounds bounds) {
    Integer named = bounds.names().get(text.toLowerCase(Locale.ROOT));
    return named != null ? named : number(text);
  }

  /** mustParseUint: decimal digits, or -1. */
  private static long number(String text) {
    if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Long.parseLong(text);
  }

  /** Go's time.ParseDuration, as far as a schedule needs it: [sign] (number unit)+ or "0". */
  private static boolean duration(String text) {
    return text.matches("[-+]?(0|([0-9]*(\\.[0-9]*)?(ns|us|µs|μs|ms|s|m|h))+)")
        && !text.matches("[-+]?(\\.(ns|us|µs|μs|ms|s|m|h))+");
  }
}
