package io.github.kvchart.aibrix.core.contract.rules;

import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.KvSubject;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * kv-replay-disabled (warning): no replay endpoint, so the gateway cannot recover missed events.
 */
public final class KvReplayDisabledRule implements ContractRule {
  @Override
  public String id() {
    return "kv-replay-disabled";
  }

  @Override
  public String description() {
    return "A replay endpoint is set, so the gateway can recover events it missed.";
  }

  @Override
  public Severity defaultSeverity() {
    return Severity.WARNING;
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    for (KvSubject subject : KvSubject.of(manifests, contract)) {
      if (subject.config() != null && !subject.config().path("replay_endpoint").isTextual()) {
        violations.add(
            subject
                .pod()
                .document()
                .violation(
                    subject.configPointer(),
                    id(),
                    severity,
                    "no \"replay_endpoint\": replay is off, so after a restart or a dropped message the gateway's"
                        + " view of this pod's cache stays wrong.",
                    "Add \"replay_endpoint\":\"tcp://*:"
                        + contract.replayPort()
                        + "\" and containerPort "
                        + contract.replayPort()
                        + " (kv-replay)."));
      }
    }
    return violations;
  }
}
