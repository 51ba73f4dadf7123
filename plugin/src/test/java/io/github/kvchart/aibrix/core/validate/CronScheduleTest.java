package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
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
