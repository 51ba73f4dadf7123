package io.github.kvchart.aibrix.core.contract.rules;

import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.Parallel;
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
  private final int threads;

  /** Documents in a set below which the rules run on the caller's thread alone. */
  static final int PARALLEL_FROM = 500;

  public ContractChecker(KvContract contract, RuleSettings settings, Version aibrixVersion) {
    this(contract, settings, aibrixVersion, null, 1);
  }

  /**
   * {@code aibrixVersion} and {@code installation} (a contract installation id) describe the user's
   * AIBrix; null means not named (rules then infer or accept any). A set of at least {@value
   * #PARALLEL_FROM} documents is checked by up to {@code threads} rules at once; the violations
   * come out in the same order either way.
   */
  public ContractChecker(
      KvContract contract,
      RuleSettings settings,
      Version aibrixVersion,
      String installation,
      int threads) {
    this.contract = contract;
    this.settings = settings;
    this.rules = rules(aibrixVersion, installation);
    this.threads = Math.max(1, threads);
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
        new KvTokenizerRule(),
        new ModelPortLabelRule(),
        new ModelWorkerPodsRule(),
        new LwsHeadlessServiceRule(),
        new ModelRouteRule(),
        new ModelAdapterRule(),
        new ModelConfigProfileRule(aibrixVersion),
        new GatewayEnvRule(aibrixVersion),
        new AutoscalerSpecRule(aibrixVersion),
        new AutoscalerRefRule(),
        new AutoscalerTargetRule(),
        new AutoscalerRoleRule(),
        new AutoscalerMetricRule(aibrixVersion),
        new AutoscalerReplicasRule());
  }

  public List<Violation> check(List<ManifestDocument> documents) {
    int workers = documents.size() >= PARALLEL_FROM ? threads : 1;
    ManifestSet set = new ManifestSet(documents, workers);
    // The rules that match every NetworkPolicy against the pods take longest: they start first.
    List<ContractRule> enabled = new ArrayList<>();
    for (boolean network : new boolean[] {true, false}) {
      for (ContractRule rule : rules) {
        if (rule.id().startsWith("netpol-") == network
            && settings.severity(rule.id(), rule.defaultSeverity()) != null) {
          enabled.add(rule);
        }
      }
    }
    if (workers > 1) {
      set.subjects(contract); // most rules start from it: computed once, before they fan out
    }
    List<List<Violation>> found;
    try {
      found =
          Parallel.map(
              enabled,
              workers,
              "aibrix-chart-contract",
              rule ->
                  rule.check(set, contract, settings.severity(rule.id(), rule.defaultSeverity())));
    } catch (InvalidInputException e) {
      throw new IllegalStateException("a contract rule failed", e); // rules throw none
    }
    List<Violation> violations = new ArrayList<>(); // in documentation order, as rules() lists them
    for (ContractRule rule : rules) {
      int i = enabled.indexOf(rule);
      if (i < 0) {
        continue;
      }
      String id = rule.id();
      for (Violation violation : found.get(i)) {
        Severity configured = settings.severity(id, violation.severity());
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
