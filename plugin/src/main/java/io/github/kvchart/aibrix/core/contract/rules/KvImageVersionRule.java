package io.github.kvchart.aibrix.core.contract.rules;

import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.KvSubject;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.image.ImageReference;
import io.github.kvchart.aibrix.core.image.Version;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * kv-image-version: with KV events intended, the vLLM image must be a release that has them
 * (error), should not be newer than the last one the AIBrix decoder reads (warning), and a latest
 * tag or a digest cannot be verified (warning).
 */
public final class KvImageVersionRule implements ContractRule {
  @Override
  public String id() {
    return "kv-image-version";
  }

  @Override
  public String description() {
    return "The vLLM image has KV events and an event format the AIBrix gateway reads.";
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    Version first = contract.firstKvEventsRelease();
    Version last = contract.lastDecoderCompatibleRelease();
    for (KvSubject subject : KvSubject.of(manifests, contract)) {
      if (!subject.intended()) {
        continue;
      }
      String image = subject.container().image();
      String at = subject.container().pointer() + "/image";
      ImageReference reference = ImageReference.parse(image);
      var document = subject.pod().document();
      String suggestion =
          "Use "
              + contract.vllm().recommendedImage()
              + " (any release from "
              + first
              + " to "
              + last
              + ").";
      if (reference == null || reference.version().isEmpty()) {
        String why =
            reference == null
                ? "is not a valid image reference"
                : reference.digest() != null ? "is pinned by digest" : "has no release tag";
        violations.add(
            document.violation(
                at,
                id(),
                Severity.WARNING,
                "image '"
                    + image
                    + "' "
                    + why
                    + ", so its vLLM release (KV events need "
                    + first
                    + "+) cannot be verified.",
                suggestion));
        continue;
      }
      Version version = reference.version().get();
      if (version.compareTo(first) < 0) {
        violations.add(
            document.violation(
                at,
                id(),
                severity,
                "image '"
                    + image
                    + "' is vLLM "
                    + version
                    + ", which has no KV-cache events (they start in "
                    + first
                    + ").",
                suggestion));
      } else if (version.compareTo(last) > 0) {
        violations.add(
            document.violation(
                at,
                id(),
                Severity.WARNING,
                "image '"
                    + image
                    + "' is vLLM "
                    + version
                    + ", newer than "
                    + last
                    + ", the last release whose event format the AIBrix gateway decodes; it may drop every event.",
                suggestion
                    + " Or raise lastDecoderCompatibleRelease in your contract once your AIBrix reads the newer format."));
      }
    }
    return violations;
  }
}
