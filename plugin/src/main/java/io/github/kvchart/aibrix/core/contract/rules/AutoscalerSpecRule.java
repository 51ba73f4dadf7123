package io.github.kvchart.aibrix.core.contract.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.image.Version;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * autoscaler-spec: what AIBrix refuses in a PodAutoscaler that its CRD schema lets through. From
 * v0.5.0 its validating webhook (pkg/webhook/podautoscaler_webhook.go, installed by the kustomize
 * manifests and the Helm chart) rejects the object at apply time, and its controller's own check
 * (validateSpec) marks it invalid and scales nothing when the webhook is bypassed (failurePolicy
 * ignore). Checked: scaleTargetRef kind and name, minReplicas not above maxReplicas, exactly one
 * metrics source (v0.5.0 to v0.7.0), targetMetric and targetValue set, targetValue a positive
 * quantity (from v0.6.0), and the fields each metricSourceType needs or forbids.
 */
public final class AutoscalerSpecRule implements ContractRule {
  private static final Version WEBHOOK_FROM = Version.parse("v0.5.0");
  private static final Version QUANTITY_FROM = Version.parse("v0.6.0");

  private final Version aibrixVersion;

  /** {@code aibrixVersion} is the user's AIBrix release, or null for the contract's newest. */
  public AutoscalerSpecRule(Version aibrixVersion) {
    this.aibrixVersion = aibrixVersion;
  }

  /** Whether {@code aibrix} checks PodAutoscalers (webhook and controller): v0.5.0 and later. */
  static boolean checks(Version aibrix) {
    return aibrix.compareTo(WEBHOOK_FROM) >= 0;
  }

  @Override
  public String id() {
    return "autoscaler-spec";
  }

  @Override
  public String description() {
    return "A PodAutoscaler passes AIBrix's own checks (its admission webhook and controller).";
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    Version aibrix = aibrixVersion != null ? aibrixVersion : contract.newestAibrixRelease();
    List<Violation> violations = new ArrayList<>();
    if (!checks(aibrix)) {
      return violations;
    }
    String release = "AIBrix " + aibrix;
    for (ManifestDocument autoscaler : manifests.ofKind("PodAutoscaler")) {
      Problems problems = new Problems(autoscaler, release, severity, violations);
      JsonNode spec = autoscaler.root().path("spec");
      JsonNode ref = spec.path("scaleTargetRef");
      if (ref.isObject()) {
        for (String field : List.of("kind", "name")) {
          if (text(ref, field).isEmpty()) {
            problems.add(
                "/spec/scaleTargetRef",
                "scaleTargetRef." + field + " must be set",
                "Set scaleTargetRef." + field + " to the workload to scale.");
          }
        }
      }
      JsonNode min = spec.path("minReplicas");
      JsonNode max = spec.path("maxReplicas");
      if (min.isIntegralNumber() && max.isIntegralNumber() && min.asLong() > max.asLong()) {
        problems.add(
            "/spec/minReplicas",
            "minReplicas " + min.asLong() + " is above maxReplicas " + max.asLong(),
            "Set minReplicas at most maxReplicas.");
      }
      JsonNode sources = spec.path("metricsSources");
      if (!sources.isArray() || sources.isEmpty()) {
        continue; // the schema check reports it (minItems 1)
      }
      if (sources.size() > 1) {
        problems.add(
            "/spec/metricsSources",
            "it has " + sources.size() + " metricsSources, where exactly one is allowed",
            "Keep one metrics source per PodAutoscaler.",
            false);
      }
      for (int i = 0; i < sources.size(); i++) {
        source(problems, "/spec/metricsSources/" + i, sources.get(i), aibrix);
      }
    }
    return violations;
  }

  private static void source(Problems problems, String at, JsonNode source, Version aibrix) {
    for (String field : List.of("targetMetric", "targetValue")) {
      if (text(source, field).isEmpty()) {
        problems.add(at, field + " must be set", "Set " + field + ".");
      }
    }
    String value = text(source, "targetValue");
    if (!value.isEmpty() && aibrix.compareTo(QUANTITY_FROM) >= 0) {
      Optional<BigDecimal> quantity = io.github.kvchart.aibrix.core.Quantity.parse(value);
      if (quantity.isEmpty()) {
        problems.add(
            at + "/targetValue",
            "targetValue '" + value + "' is not a number (a Kubernetes quantity)",
            "Write targetValue as a number in quotes, e.g. \"0.5\".",
            false);
      } else if (quantity.get().signum() <= 0) {
        problems.add(
            at + "/targetValue",
            "targetValue '" + value + "' must be greater than 0",
            "Use a positive targetValue.",
            false);
      }
    }
    String type = text(source, "metricSourceType");
    switch (type) {
      case "pod" -> required(problems, at, source, type, List.of("protocolType", "port", "path"));
      case "external", "domain" ->
          required(problems, at, source, type, List.of("protocolType", "endpoint", "path"));
      case "resource" -> {
        String metric = text(source, "targetMetric");
        if (!metric.isEmpty() && !Set.of("cpu", "memory").contains(metric)) {
          problems.add(
              at + "/targetMetric",
              "targetMetric '" + metric + "' is not cpu or memory, the two resource metrics",
              "Use targetMetric: cpu or memory, or metricSourceType: pod for a vLLM metric.");
        }
        for (String field : List.of("port", "endpoint", "path", "protocolType")) {
          if (!text(source, field).isEmpty()) {
            problems.add(
                at + "/" + field,
                field + " is not allowed for metricSourceType: resource",
                "Remove " + field + ".");
          }
        }
      }
      default -> {} // custom needs nothing; an unknown type is the schema check's (enum)
    }
  }

  private static void required(
      Problems problems, String at, JsonNode source, String type, List<String> fields) {
    for (String field : fields) {
      if (text(source, field).isEmpty()) {
        problems.add(
            at, field + " is required for metricSourceType: " + type, "Set " + field + ".");
      }
    }
  }

  /** A field as AIBrix's Go struct reads it: a string, "" when absent or null. */
  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() && !value.isNull() ? value.asText() : "";
  }

  /** The violations of one PodAutoscaler, each said the same way. */
  private final class Problems {
    private final ManifestDocument autoscaler;
    private final String release;
    private final Severity severity;
    private final List<Violation> violations;

    Problems(
        ManifestDocument autoscaler,
        String release,
        Severity severity,
        List<Violation> violations) {
      this.autoscaler = autoscaler;
      this.release = release;
      this.severity = severity;
      this.violations = violations;
    }

    void add(String pointer, String what, String fix) {
      add(pointer, what, fix, true);
    }

    /** {@code controllerToo}: the controller refuses it as well when the webhook is bypassed. */
    void add(String pointer, String what, String fix, boolean controllerToo) {
      violations.add(
          autoscaler.violation(
              pointer,
              id(),
              severity,
              what
                  + ": "
                  + release
                  + "'s admission webhook refuses the PodAutoscaler"
                  + (controllerToo
                      ? ", and without it the controller marks it invalid and never scales."
                      : " (kubectl apply and helm install fail)."),
              fix));
    }
  }
}
