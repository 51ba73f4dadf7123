package io.github.kvchart.aibrix.core.contract.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.KvSubject;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * kv-name-mismatch: with KV events intended, --served-model-name, the model.aibrix.ai/name label
 * and the name of the Service that selects the pods must agree: the gateway routes by that name.
 * When the Service named after the model is among the documents, other Services may select the same
 * pods (a headless or a monitoring Service).
 */
public final class KvNameMismatchRule implements ContractRule {

  @Override
  public String id() {
    return "kv-name-mismatch";
  }

  @Override
  public String description() {
    return "--served-model-name, the model.aibrix.ai/name label and the Service name agree.";
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    String nameLabel = contract.label("name");
    String servedFlag = contract.vllm().servedModelNameFlag();
    for (KvSubject subject : KvSubject.of(manifests, contract)) {
      JsonNode label = subject.pod().label(nameLabel);
      if (!subject.intended() || !label.isTextual()) {
        continue;
      }
      String model = label.asText();
      ManifestDocument document = subject.pod().document();
      var served = subject.container().flag(servedFlag);
      if (served.isEmpty() || served.get().value() == null) {
        violations.add(
            document.violation(
                subject.container().pointer(),
                id(),
                severity,
                "no "
                    + servedFlag
                    + ", so vLLM serves the model under its Hugging Face id, not '"
                    + model
                    + "' (the "
                    + nameLabel
                    + " label).",
                "Add " + servedFlag + " " + model + " to the args."));
      } else if (subject.container().value(served.get()) != null
          && !subject.container().value(served.get()).equals(model)) {
        violations.add(
            document.violation(
                served.get().valuePointer(),
                id(),
                severity,
                servedFlag
                    + " is '"
                    + subject.container().value(served.get())
                    + "' but label "
                    + nameLabel
                    + " is '"
                    + model
                    + "'.",
                "Use one name for both, e.g. " + servedFlag + " " + model + "."));
      }
      if (manifests.find("Service", subject.pod().namespace(), model) != null) {
        continue; // the model's Service is there: more Services may select its pods
      }
      for (ManifestDocument service : manifests.servicesSelecting(subject.pod())) {
        if (!service.name().equals(model)) {
          violations.add(
              service.violation(
                  "/metadata/name",
                  id(),
                  severity,
                  "Service '"
                      + service.name()
                      + "' selects the pods of model '"
                      + model
                      + "' but has another name.",
                  "Name the Service '"
                      + model
                      + "' (the model name), or label the pods to match it."));
        }
      }
    }
    return violations;
  }
}
