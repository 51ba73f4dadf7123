package io.github.kvchart.aibrix.core.contract;

import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.List;

/**
 * One check of the KV-event contract: a pure function from the set of documents being validated to
 * violations. Rules never log and never throw for a violation. Ids are public API.
 */
public interface ContractRule {
  /** The stable id users turn off or re-grade with aibrix-chart.rules. */
  String id();

  /** What the rule checks, in one line (for reports). */
  String description();

  /** Every violation in {@code manifests}; {@code severity} is the level to report at. */
  List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity);

  /** The level a rule reports at unless configured otherwise. */
  default Severity defaultSeverity() {
    return Severity.ERROR;
  }
}
