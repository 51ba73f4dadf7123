package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.RuleIds;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.List;
import java.util.Set;

/**
 * What the API server's validation refuses in the spec of a built-in controller beyond the schema,
 * read in kubernetes' apps and batch validation (ValidateDeploymentSpec, ValidateReplicaSetSpec,
 * ValidateDaemonSetSpec, ValidateStatefulSetSpec, ValidateJobSpec), after the API server's defaults
 * (a pod's restartPolicy defaults to Always; a RollingUpdate's maxUnavailable and maxSurge to 25%):
 *
 * <ul>
 *   <li>the pod template's restartPolicy: Always for a Deployment, ReplicaSet, DaemonSet,
 *       StatefulSet or ReplicationController (which must not set activeDeadlineSeconds either);
 *       OnFailure or Never for a Job or a CronJob's Job, so a Job that leaves it out is refused;
 *   <li>counts that must not be negative: replicas, minReadySeconds, revisionHistoryLimit,
 *       progressDeadlineSeconds (which must also exceed minReadySeconds), parallelism, completions,
 *       activeDeadlineSeconds, backoffLimit;
 *   <li>a Deployment's strategy: no rollingUpdate with Recreate; maxUnavailable and maxSurge a
 *       non-negative number or a percentage such as "25%" (a quoted "1" is neither), not both 0,
 *       and maxUnavailable at most 100%.
 * </ul>
 */
final class ControllerSpecCheck {
  private static final Set<String> LONG_RUNNING =
      Set.of(
          "apps/v1 Deployment",
          "apps/v1 ReplicaSet",
          "apps/v1 DaemonSet",
          "apps/v1 StatefulSet",
          "v1 ReplicationController");

  /** The kinds this check reads. */
  static final Set<String> KINDS =
      Set.of(
          "apps/v1 Deployment",
          "apps/v1 ReplicaSet",
          "apps/v1 DaemonSet",
          "apps/v1 StatefulSet",
          "v1 ReplicationController",
          "batch/v1 Job",
          "batch/v1 CronJob");

  private ControllerSpecCheck() {}

  /** Adds the violations of {@code document}, whose "apiVersion kind" is {@code kind}. */
  static void check(ManifestDocument document, String kind, List<Violation> violations) {
    if (!KINDS.contains(kind)) {
      return;
    }
    if (LONG_RUNNING.contains(kind)) {
      JsonNode pod = document.root().path("spec").path("template").path("spec");
      JsonNode policy = pod.path("restartPolicy");
      if (policy.isTextual() && !policy.asText().equals("Always")) {
        violations.add(
            ApiSyntax.error(
                document,
                "/spec/template/spec/restartPolicy",
                "a "
                    + document.kind()
                    + "'s pods must restart Always, not "
                    + policy.asText()
                    + ".",
                "Remove restartPolicy (it defaults to Always), or run the work as a Job."));
      }
      if (pod.has("activeDeadlineSeconds")) {
        violations.add(
            ApiSyntax.error(
                document,
                "/spec/template/spec/activeDeadlineSeconds",
                "a " + document.kind() + "'s pods must not set activeDeadlineSeconds.",
                "Remove activeDeadlineSeconds, or run the work as a Job."));
      }
      nonNegative(
          document, List.of("replicas", "minReadySeconds", "revisionHistoryLimit"), violations);
    }
    if (kind.equals("apps/v1 Deployment")) {
      deployment(document, violations);
    }
    String job =
        kind.equals("batch/v1 Job")
            ? "/spec"
            : kind.equals("batch/v1 CronJob") ? "/spec/jobTemplate/spec" : null;
    if (job != null) {
      JsonNode jobSpec =
          job.equals("/spec")
              ? document.root().path("spec")
              : document.root().path("spec").path("jobTemplate").path("spec");
      JsonNode policy = jobSpec.path("template").path("spec").path("restartPolicy");
      if (!policy.isTextual() || !Set.of("OnFailure", "Never").contains(policy.asText())) {
        violations.add(
            ApiSyntax.error(
                document,
                policy.isMissingNode()
                    ? job + "/template/spec"
                    : job + "/template/spec/restartPolicy",
                "a Job's pods must restart OnFailure or Never"
                    + (policy.isMissingNode()
                        ? "; without restartPolicy they default to Always, which a Job refuses."
                        : ", not " + policy.asText() + "."),
                "Add restartPolicy: Never (or OnFailure) to the Job's pod template."));
      }
      if (kind.equals("batch/v1 Job")) {
        nonNegative(
            document,
            List.of("parallelism", "completions", "activeDeadlineSeconds", "backoffLimit"),
            violations);
      }
      completionMode(document, job, jobSpec, violations);
    }
    if (kind.equals("batch/v1 CronJob")) {
      cronJob(document, violations);
    }
    if (kind.equals("apps/v1 StatefulSet")) {
      statefulSet(document, violations);
    }
    if (kind.equals("apps/v1 DaemonSet")) {
      ApiSyntax.oneOf(
          document,
          "/spec/updateStrategy/type",
          document.root().path("spec").path("updateStrategy").path("type"),
          List.of("RollingUpdate", "OnDelete"),
          violations);
    }
  }

  /** A Job's completionMode is NonIndexed or Indexed, and Indexed needs completions. */
  private static void completionMode(
      ManifestDocument document, String at, JsonNode job, List<Violation> violations) {
    JsonNode mode = job.path("completionMode");
    ApiSyntax.oneOfOrEmpty(
        document, at + "/completionMode", mode, List.of("NonIndexed", "Indexed"), violations);
    if (mode.asText().equals("Indexed") && !job.hasNonNull("completions")) {
      violations.add(
          ApiSyntax.error(
              document,
              at + "/completionMode",
              "an Indexed Job needs completions.",
              "Set completions to the number of indexes."));
    }
  }

  /**
   * ValidateCronJobSpec: a schedule robfig/cron's ParseStandard reads, without TZ; a time zone the
   * API server knows; a known concurrencyPolicy; no negative deadline or history limits.
   */
  private static void cronJob(ManifestDocument document, List<Violation> violations) {
    JsonNode spec = document.root().path("spec");
    JsonNode schedule = spec.path("schedule");
    if (schedule.isTextual()) {
      String problem = CronSchedule.problem(schedule.asText());
      if (problem != null) {
        violations.add(
            ApiSyntax.error(
                document,
                "/spec/schedule",
                "schedule '"
                    + schedule.asText()
                    + "' is refused by the API server: "
                    + problem
                    + ".",
                "Write five fields, e.g. \"*/15 * * * *\", or a descriptor such as @hourly; put a"
                    + " time zone in spec.timeZone."));
      }
    }
    JsonNode zone = spec.path("timeZone");
    if (zone.isTextual()) {
      String problem = CronTimeZone.problem(zone.asText());
      String doubt = CronTimeZone.doubt(zone.asText());
      if (problem != null || doubt != null) {
        violations.add(
            document.violation(
                "/spec/timeZone",
                RuleIds.API_VALIDATION,
                problem != null ? Severity.ERROR : Severity.WARNING,
                (problem != null ? problem : doubt) + ".",
                CronTimeZone.fix(zone.asText())));
      }
    }
    ApiSyntax.oneOf(
        document,
        "/spec/concurrencyPolicy",
        spec.path("concurrencyPolicy"),
        List.of("Allow", "Forbid", "Replace"),
        violations);
    nonNegative(
        document,
        List.of("startingDeadlineSeconds", "successfulJobsHistoryLimit", "failedJobsHistoryLimit"),
        violations);
  }

  /**
   * ValidateStatefulSetSpec: a known podManagementPolicy and update strategy, no rollingUpdate with
   * OnDelete, a PVC retention policy of Retain or Delete.
   */
  private static void statefulSet(ManifestDocument document, List<Violation> violations) {
    JsonNode spec = document.root().path("spec");
    ApiSyntax.oneOf(
        document,
        "/spec/podManagementPolicy",
        spec.path("podManagementPolicy"),
        List.of("OrderedReady", "Parallel"),
        violations);
    JsonNode strategy = spec.path("updateStrategy");
    ApiSyntax.oneOf(
        document,
        "/spec/updateStrategy/type",
        strategy.path("type"),
        List.of("RollingUpdate", "OnDelete"),
        violations);
    if (strategy.path("type").asText().equals("OnDelete") && strategy.hasNonNull("rollingUpdate")) {
      violations.add(
          ApiSyntax.error(
              document,
              "/spec/updateStrategy/rollingUpdate",
              "rollingUpdate may not be set when the update strategy is OnDelete.",
              "Remove rollingUpdate, or set type: RollingUpdate."));
    }
    for (String when : List.of("whenDeleted", "whenScaled")) {
      ApiSyntax.oneOf(
          document,
          "/spec/persistentVolumeClaimRetentionPolicy/" + when,
          spec.path("persistentVolumeClaimRetentionPolicy").path(when),
          List.of("Retain", "Delete"),
          violations);
    }
  }

  private static void deployment(ManifestDocument document, List<Violation> violations) {
    JsonNode spec = document.root().path("spec");
    JsonNode deadline = spec.path("progressDeadlineSeconds");
    JsonNode minReadyNode = spec.path("minReadySeconds");
    long minReady = minReadyNode.canConvertToLong() ? minReadyNode.asLong() : 0;
    if (deadline.isIntegralNumber()
        && deadline.canConvertToLong()
        && deadline.asLong() >= 0
        && deadline.asLong() <= minReady) {
      violations.add(
          ApiSyntax.error(
              document,
              "/spec/progressDeadlineSeconds",
              "progressDeadlineSeconds ("
                  + deadline.asLong()
                  + ") must be greater than minReadySeconds ("
                  + minReady
                  + ").",
              "Raise progressDeadlineSeconds above minReadySeconds."));
    }
    nonNegative(document, List.of("progressDeadlineSeconds"), violations);
    JsonNode strategy = spec.path("strategy");
    ApiSyntax.oneOf(
        document,
        "/spec/strategy/type",
        strategy.path("type"),
        List.of("Recreate", "RollingUpdate"),
        violations);
    String type = strategy.path("type").asText("RollingUpdate");
    JsonNode rolling = strategy.path("rollingUpdate");
    if (type.equals("Recreate") && rolling.isObject()) {
      violations.add(
          ApiSyntax.error(
              document,
              "/spec/strategy/rollingUpdate",
              "rollingUpdate may not be set when the strategy type is Recreate.",
              "Remove rollingUpdate, or set type: RollingUpdate."));
      return;
    }
    if (!type.equals("RollingUpdate") || !rolling.isObject()) {
      return;
    }
    String at = "/spec/strategy/rollingUpdate/";
    Integer unavailable =
        intOrPercent(document, rolling.path("maxUnavailable"), at + "maxUnavailable", violations);
    Integer surge = intOrPercent(document, rolling.path("maxSurge"), at + "maxSurge", violations);
    if (unavailable != null && surge != null && unavailable == 0 && surge == 0) {
      violations.add(
          ApiSyntax.error(
              document,
              "/spec/strategy/rollingUpdate/maxUnavailable",
              "maxUnavailable and maxSurge are both 0, so a rollout could never make progress.",
              "Set maxSurge: 1 (or maxUnavailable: 1)."));
    }
    JsonNode max = rolling.path("maxUnavailable");
    if (max.isTextual() && unavailable != null && unavailable > 100) {
      violations.add(
          ApiSyntax.error(
              document,
              "/spec/strategy/rollingUpdate/maxUnavailable",
              "maxUnavailable " + max.asText() + " is more than 100%.",
              "Use a percentage up to 100%, or a number of pods."));
    }
  }

  /**
   * The value of the int-or-percent field at {@code at} (25% when absent, as a Deployment's are
   * defaulted), or null when it is neither a non-negative number nor a percentage such as "25%"
   * (reported; ValidatePositiveIntOrPercent).
   */
  static Integer intOrPercent(
      ManifestDocument document, JsonNode value, String at, List<Violation> violations) {
    String field = at.substring(at.lastIndexOf('/') + 1);
    if (value.isMissingNode() || value.isNull()) {
      return 25;
    }
    if (value.isIntegralNumber()) {
      if (!value.canConvertToLong()) {
        return null; // the schema reports a number beyond its field
      }
      if (value.asLong() >= 0) {
        return (int) Math.min(Integer.MAX_VALUE, value.asLong());
      }
      violations.add(
          ApiSyntax.error(
              document,
              at,
              field + " is " + value.asLong() + "; the API server wants 0 or more.",
              "Use 0 or a positive number, or a percentage such as \"25%\"."));
      return null;
    }
    String text = value.asText();
    boolean percent = text.length() > 1 && text.endsWith("%");
    for (int i = 0; percent && i < text.length() - 1; i++) {
      percent = text.charAt(i) >= '0' && text.charAt(i) <= '9';
    }
    if (!percent) {
      violations.add(
          ApiSyntax.error(
              document,
              at,
              field
                  + " '"
                  + text
                  + "' is neither a number nor a percentage; the API server reads a string as a"
                  + " percentage only.",
              "Write a number without quotes (" + field + ": 1) or a percentage (\"25%\")."));
      return null;
    }
    String digits = text.substring(0, text.length() - 1).replaceFirst("^0+(?=.)", "");
    return digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
  }

  private static void nonNegative(
      ManifestDocument document, List<String> fields, List<Violation> violations) {
    JsonNode spec = document.root().path("spec");
    for (String field : fields) {
      JsonNode value = spec.path(field);
      if (value.isIntegralNumber() && value.canConvertToLong() && value.asLong() < 0) {
        violations.add(
            ApiSyntax.error(
                document,
                "/spec/" + field,
                field + " is " + value.asLong() + "; the API server wants 0 or more.",
                "Use 0 or a positive number."));
      }
    }
  }
}
