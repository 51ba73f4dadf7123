package io.github.kvchart.aibrix.core.contract.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.KvSubject;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * kv-label-missing: the gateway subscribes only to pods labelled {@code
 * model.aibrix.ai/kv-events-enabled: "true"} (that exact string) with {@code model.aibrix.ai/name}.
 * Events on without the labels, or the label without events, is an error.
 */
public final class KvLabelMissingRule implements ContractRule {
  @Override
  public String id() {
    return "kv-label-missing";
  }

  @Override
  public String description() {
    return "Pods that publish KV events carry the labels the gateway subscribes by, and only they do.";
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    String kvLabel = contract.label("kvEventsEnabled");
    String nameLabel = contract.label("name");
    String wanted = contract.kvEventsEnabledValue();
    for (KvSubject subject : KvSubject.of(manifests, contract)) {
      var pod = subject.pod();
      var document = pod.document();
      JsonNode label = pod.label(kvLabel);
      boolean labelled = label.isTextual() && wanted.equals(label.asText());
      boolean enabled =
          subject.config() != null
              && subject.config().path("enable_kv_cache_events").asBoolean(false);
      if (enabled || (subject.intended() && label.isMissingNode())) {
        if (label.isMissingNode()) {
          violations.add(
              document.violation(
                  pod.labelsPointer(),
                  id(),
                  severity,
                  "KV events are on, but the pod template lacks label "
                      + kvLabel
                      + ": \""
                      + wanted
                      + "\"; the gateway will not subscribe to these pods.",
                  "Add "
                      + kvLabel
                      + ": \""
                      + wanted
                      + "\" to the pod template's labels (not only the Deployment's)."));
        } else if (!labelled) {
          violations.add(
              document.violation(
                  pod.labelsPointer() + "/" + kvLabel.replace("/", "~1"),
                  id(),
                  severity,
                  "label "
                      + kvLabel
                      + " is "
                      + label
                      + "; the gateway wants exactly the string \""
                      + wanted
                      + "\".",
                  "Write " + kvLabel + ": \"" + wanted + "\" (quoted)."));
        }
        if (!pod.label(nameLabel).isTextual()) {
          violations.add(
              document.violation(
                  pod.labelsPointer(),
                  id(),
                  severity,
                  "the pod template lacks label "
                      + nameLabel
                      + "; the gateway subscribes only to pods that have it"
                      + (pod.template().path("metadata").path("annotations").has(nameLabel)
                          ? " (the annotation of that name routes requests from AIBrix v0.6.0,"
                              + " but KV events need the label: isPodSubscribable)."
                          : "."),
                  "Add "
                      + nameLabel
                      + ": <model name> (the --served-model-name) to the pod template's labels."));
        }
      } else if (labelled && subject.unverifiable().isEmpty()) {
        // (a config whose value the manifest does not give may well enable events: kv-config-json
        // warns about it)
        violations.add(
            document.violation(
                pod.labelsPointer() + "/" + kvLabel.replace("/", "~1"),
                id(),
                severity,
                "the pod is labelled "
                    + kvLabel
                    + ": \""
                    + wanted
                    + "\" but vLLM does not publish KV events"
                    + " (no valid --kv-events-config); the gateway will wait for events that never come.",
                "Add --kv-events-config with \"enable_kv_cache_events\":true, or remove the label."));
      }
    }
    return violations;
  }
}
