package io.github.kvchart.aibrix.core.contract.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.contract.ConfigKey;
import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.KvFix;
import io.github.kvchart.aibrix.core.contract.KvSubject;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.image.ImageReference;
import io.github.kvchart.aibrix.core.image.Version;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.yaml.Spelling;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * kv-config-json: the --kv-events-config value (after $(VAR) expansion) is a JSON object whose keys
 * vLLM knows, with the right types, enable_kv_cache_events true, publisher zmq and buffer_steps
 * above 0. A value built from valueFrom env entries cannot be verified: a warning.
 */
public final class KvConfigJsonRule implements ContractRule {
  @Override
  public String id() {
    return "kv-config-json";
  }

  @Override
  public String description() {
    return "--kv-events-config is valid JSON with known keys, right types, zmq and buffer_steps > 0.";
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    for (KvSubject subject : KvSubject.of(manifests, contract)) {
      if (subject.configFlag() == null) {
        continue;
      }
      ManifestDocument document = subject.pod().document();
      String at = subject.configPointer();
      if (!subject.unverifiable().isEmpty()) {
        violations.add(
            document.violation(
                at,
                id(),
                Severity.WARNING,
                contract.kvEventsFlag()
                    + " takes "
                    + String.join(", ", subject.unverifiable())
                    + ", whose value the manifest does not give (valueFrom, or the shell's own"
                    + " environment), so its final value cannot be verified here.",
                "Give those env entries literal values, or check the rendered value in the cluster."));
        continue;
      }
      if (subject.configError() != null) {
        violations.add(
            document.violation(
                at,
                id(),
                severity,
                contract.kvEventsFlag() + ": " + subject.configError() + ".",
                "Use "
                    + KvFix.defaultFlag(contract)
                    + (subject.configFlag().value() != null
                            && subject.configFlag().value().contains("$(")
                        ? " (check that every $(VAR) is defined in env)"
                        : "")));
        continue;
      }
      check(
          subject.config(),
          subject.container().image(),
          contract,
          severity,
          document,
          at,
          violations);
    }
    return violations;
  }

  private void check(
      JsonNode config,
      String image,
      KvContract contract,
      Severity severity,
      ManifestDocument document,
      String at,
      List<Violation> violations) {
    Map<String, ConfigKey> keys = contract.configKeys();
    Iterator<Map.Entry<String, JsonNode>> fields = config.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      ConfigKey spec = keys.get(field.getKey());
      if (spec == null) {
        String guess = Spelling.closest(field.getKey(), keys.keySet());
        violations.add(
            document.violation(
                at,
                id(),
                severity,
                contract.kvEventsFlag()
                    + " has key '"
                    + field.getKey()
                    + "', which vLLM does not know.",
                guess != null
                    ? "Did you mean '" + guess + "'?"
                    : "Known keys: " + String.join(", ", keys.keySet()) + "."));
        continue;
      }
      String problem = typeProblem(field.getValue(), spec);
      if (problem != null) {
        violations.add(
            document.violation(
                at,
                id(),
                severity,
                contract.kvEventsFlag() + " key '" + field.getKey() + "' " + problem + ".",
                "Use " + KvFix.defaultFlag(contract)));
      }
    }
    if (!config.has("enable_kv_cache_events")) {
      violations.add(
          document.violation(
              at,
              id(),
              severity,
              contract.kvEventsFlag()
                  + " does not set \"enable_kv_cache_events\": true, so vLLM publishes nothing.",
              "Add \"enable_kv_cache_events\":true."));
    }
    if (!config.has("publisher")) {
      Version from = contract.vllm().publisherDefaultsFrom();
      Version release =
          java.util.Optional.ofNullable(ImageReference.parse(image))
              .flatMap(ImageReference::version)
              .orElse(null);
      if (release == null || release.compareTo(from) < 0) {
        violations.add(
            document.violation(
                at,
                id(),
                release == null ? Severity.WARNING : severity,
                contract.kvEventsFlag()
                    + " does not set \"publisher\"; "
                    + (release == null
                        ? "the image's vLLM release is unknown, and before " + from
                        : "vLLM " + release + " is older than " + from + ", and before it")
                    + " the default publisher publishes nothing.",
                "Add \"publisher\":\"zmq\"."));
      }
    }
  }

  /** Why {@code value} breaks {@code spec}, or null. */
  private static String typeProblem(JsonNode value, ConfigKey spec) {
    boolean typeOk =
        spec.types().stream()
            .anyMatch(
                t ->
                    switch (t) {
                      case "string" -> value.isTextual();
                      case "integer" -> value.isIntegralNumber();
                      case "boolean" -> value.isBoolean();
                      case "null" -> value.isNull();
                      default -> true;
                    });
    if (!typeOk) {
      return "must be "
          + String.join(" or ", spec.types())
          + ", not "
          + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
          + " "
          + value;
    }
    if (!spec.allowed().isEmpty()
        && value.isTextual()
        && !spec.allowed().contains(value.asText())) {
      return "is " + value + "; only " + spec.allowed() + " publishes events the gateway can read";
    }
    if (spec.minimum() != null && value.isNumber() && value.asLong() < spec.minimum()) {
      return "is " + value + "; it must be at least " + spec.minimum();
    }
    if (spec.mustBe() != null && !spec.mustBe().equals(value.asText())) {
      return "must be " + spec.mustBe();
    }
    return null;
  }
}
