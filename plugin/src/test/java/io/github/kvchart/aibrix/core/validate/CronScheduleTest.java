package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CronJob schedules as robfig/cron v3's ParseStandard reads them (the parser the API server's
 * validateScheduleFormat calls), and the controller fields of CronJobs, Jobs, StatefulSets and
 * DaemonSets that take a value from a fixed set.
 */
class CronScheduleTest {
  @TempDir Path temp;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "* * * * *",
        "*/15 * * * *",
        "0 0 * * 0",
        "0 0 * * SUN",
        "0 9-17 * * mon-fri",
        "5/15 * * * *",
        "? * * * *",
        "0 0 1,15 JAN,jul *",
        "  0 3 * * *  ",
        "@hourly",
        "@midnight",
        "@every 1h30m",
        "@every 90s"
      })
  void takenSchedules(String schedule) {
    assertNull(CronSchedule.problem(schedule), schedule);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "* * * * * *",
        "0 * * *",
        "60 * * * *",
        "* 24 * * *",
        "* * 0 * *",
        "* * * 13 *",
        "* * * * 7",
        "*/0 * * * *",
        "1-2-3 * * * *",
        "1/2/3 * * * *",
        "a * * * *",
        "0 0 L * *",
        "0 0 1,,2 * *",
        "5-1 * * * *",
        "@daily ",
        "@weekly2",
        "@every 1x",
        "TZ=UTC 0 * * * *",
        "CRON_TZ=Europe/Paris 0 * * * *",
        ""
      })
  void refusedSchedules(String schedule) {
    assertNotNull(CronSchedule.problem(schedule), schedule);
  }

  /** Names Go's time.LoadLocation finds in a zoneinfo directory, Java's own list or not. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "Europe/Berlin",
        "America/Argentina/Buenos_Aires",
        "UTC",
        "Etc/UTC",
        "Etc/GMT+5",
        "EST",
        "EST5EDT",
        "GMT-0",
        "ROC",
        "US/Pacific",
        "Asia/Calcutta",
        "posix/Europe/Berlin"
      })
  void takenTimeZones(String zone) {
    assertNull(CronTimeZone.problem(zone), zone);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Local",
        "local",
        "PST",
        "CEST",
        "europe/berlin",
        "Europe/Berlin ",
        "America/Los Angeles",
        "Europe//Berlin",
        "/Europe/Berlin",
        "Europe/../Etc/UTC",
        "-Europe/Berlin",
        "Europe",
        "Americas/New_York",
        "America/los_angeles",
        "America/Argentina_Buenos_Aires"
      })
  void refusedTimeZones(String zone) {
    assertNotNull(CronTimeZone.problem(zone), zone);
  }

  /**
   * A name in a known area that the JVM's database lacks may be a zone newer than it (tzdata 2025b
   * added America/Coyhaique), so it is doubted, not refused.
   */
  @ParameterizedTest
  @ValueSource(strings = {"Etc/GMT+15", "America/Nowhere", "Europe/Berln"})
  void doubtedTimeZones(String zone) {
    assertNull(CronTimeZone.problem(zone), zone);
    assertTrue(CronTimeZone.doubt(zone).contains("tzdata"), zone);
  }

  /**
   * Against the real thing: every zone file of the machine's IANA zoneinfo directory, which Go's
   * time.LoadLocation reads, is taken (skipped where the directory is absent).
   */
  @Test
  void everyZoneOfTheMachinesZoneinfoIsTaken() throws Exception {
    Path zoneinfo = Path.of("/usr/share/zoneinfo");
    Assumptions.assumeTrue(Files.isRegularFile(zoneinfo.resolve("Europe/Berlin")));
    List<String> zones;
    try (var files = Files.walk(zoneinfo)) {
      zones =
          files
              .filter(Files::isRegularFile)
              .map(f -> zoneinfo.relativize(f).toString())
              .filter(z -> !z.contains(".") && !z.startsWith("leap") && !z.equals("SECURITY"))
              .toList();
    }
    assertTrue(zones.size() > 500, zones.size() + " zones");
    assertEquals(List.of(), zones.stream().filter(z -> CronTimeZone.problem(z) != null).toList());
  }

  @Test
  void theFixNamesTheZoneWrittenInAnotherCase() {
    assertEquals(
        "Write Europe/Berlin (zone names are case-sensitive).", CronTimeZone.fix("europe/berlin"));
    assertTrue(CronTimeZone.fix("PST").contains("America/Los_Angeles"));
  }

  private List<String> found(String yaml) throws Exception {
    return Fixtures.validate(temp, yaml, "1.35").stream()
        .map(v -> v.rule() + " " + v.pointer())
        .toList();
  }

  private static final String CRON =
      """
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: warm-cache}
      spec:
        schedule: "%s"
        concurrencyPolicy: %s
        jobTemplate:
          spec:
            %s
            template:
              spec:
                restartPolicy: Never
                containers: [{name: c, image: busybox}]
      """;

  @Test
  void cronJobsAndJobs() throws Exception {
    assertEquals(List.of(), found(CRON.formatted("*/5 * * * *", "Forbid", "completions: 3")));
    assertEquals(
        List.of("api-validation /spec/schedule"),
        found(CRON.formatted("0 */5 * * * *", "Forbid", "completions: 3")));
    assertEquals(
        List.of("api-validation /spec/concurrencyPolicy"),
        found(CRON.formatted("@daily", "forbid", "completions: 3")));
    String zoned = CRON.formatted("@daily", "Forbid", "completions: 3");
    assertEquals(
        List.of(),
        found(zoned.replace("spec:\n  schedule", "spec:\n  timeZone: Etc/UTC\n  schedule")));
    assertEquals(
        List.of("api-validation /spec/timeZone"),
        found(zoned.replace("spec:\n  schedule", "spec:\n  timeZone: PST\n  schedule")));
    List<Violation> doubted =
        Fixtures.validate(
            temp,
            zoned.replace("spec:\n  schedule", "spec:\n  timeZone: Europe/Berln\n  schedule"),
            "1.35");
    assertEquals(1, doubted.size());
    assertEquals(Severity.WARNING, doubted.get(0).severity());
    assertEquals(
        List.of("api-validation /spec/jobTemplate/spec/completionMode"),
        found(CRON.formatted("@daily", "Allow", "completionMode: Indexed")));
  }

  @Test
  void statefulSetsAndDaemonSets() throws Exception {
    String set =
        """
        apiVersion: apps/v1
        kind: %s
        metadata: {name: s}
        spec:
          selector: {matchLabels: {app: s}}
          %s
          template:
            metadata: {labels: {app: s}}
            spec: {containers: [{name: c, image: busybox}]}
        """;
    assertEquals(
        List.of(),
        found(set.formatted("StatefulSet", "podManagementPolicy: Parallel\n  serviceName: s")));
    assertEquals(
        List.of("api-validation /spec/podManagementPolicy"),
        found(set.formatted("StatefulSet", "podManagementPolicy: parallel\n  serviceName: s")));
    assertEquals(
        List.of("api-validation /spec/updateStrategy/rollingUpdate"),
        found(
            set.formatted(
                "StatefulSet",
                "updateStrategy: {type: OnDelete, rollingUpdate: {partition: 1}}\n  serviceName: s")));
    assertEquals(
        List.of("api-validation /spec/updateStrategy/type"),
        found(set.formatted("DaemonSet", "updateStrategy: {type: Recreate}")));
  }
}
