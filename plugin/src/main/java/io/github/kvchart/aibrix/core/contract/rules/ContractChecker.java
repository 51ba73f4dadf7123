package io.github.kvchart.aibrix.core.contract.rules;

import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.contract.RuleSettings;
import io.github.kvchart.aibrix.core.image.Version;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.List;

/** Runs every contract rule over one set of documents, at the levels the user chose. */
public final class ContractChecker {
  private final KvContract contract;
  private final RuleSettings settings;
  private final List<ContractRule> rules;

  public ContractChecker(KvContract contract, RuleSettings settings, Version aibrixVersion) {
    this(contract, settings, aibrixVersion, null);
  }

  /**
   * {@code aibrixVersion} and {@code installation} (a contract installation id) describe the user's
   * AIBrix; null means not named (rules then infer or accept any).
   */
  public ContractChecker(
      KvContract contract, RuleSettings settings, Version aibrixVersion, String installation) {
    this.contract = contract;
    this.settings = settings;
    this.rules = rules(aibrixVersion, installation);
  }

  /** Every contract rule, in documentation order, with nothing named about the user's AIBrix. */
  public static List<ContractRule> rules(Version aibrixVersion) {
    return rules(aibrixVersion, null);
  }

  /** Every contract rule, in documentation order. */
  public static List<ContractRule> rules(Version aibrixVersion, String installation) {
    return List.of(
        new KvFlagUnknownRule(),
        new KvEnvIgnoredRule(),
        new KvConfigJsonRule(),
        new KvImageVersionRule(),
        new KvPortMismatchRule(),
        new KvLabelMissingRule(),
        new KvNameMismatchRule(),
        new KvReplayDisabledRule(),
        new KvPrefixCachingOffRule(),
        new NetpolDirectionRule(),
        new NetpolTrafficRule(installation),
        new KvEndpointBindRule(),
        new KvDataParallelRule(),
        new ModelPortLabelRule(),
        new GatewayEnvRule(aibrixVersion),
        new AutoscalerTargetRule(),
        new AutoscalerMetricRule(aibrixVersion),
        new AutoscalerReplicasRule());
  }

  public List<Violation> check(List<ManifestDocument> documents) {
    ManifestSet set = new ManifestSet(documents);
    List<Violation> violations = new ArrayList<>();
    for (ContractRule rule : rules) {
      Severity severity = settings.severity(rule.id(), rule.defaultSeverity());
      if (severity == null) {
        continue;
      }
      for (Violation violation : rule.check(set, contract, severity)) {
        Severity configured = settings.severity(rule.id(), violation.severity());
        violations.add(
            configured == violation.severity() ? violation : violation.withSeverity(configured));
      }
    }
    return violations;
  }

  public List<ContractRule> rules() {
    return rules;
  }
}
