package io.github.kvchart.aibrix.core.validate;

import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.rules.ContractChecker;
import io.github.kvchart.aibrix.core.manifest.RuleIds;
import io.github.kvchart.aibrix.core.manifest.Severity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every rule validate reports, schema and contract alike: its id (public API), its default level
 * and what it checks. The one place reports, rule settings and documentation read them from.
 */
public final class RuleRegistry {
  /** One rule. */
  public record Rule(String id, Severity defaultSeverity, String description) {}

  private static final Map<String, Rule> RULES = build();

  private RuleRegistry() {}

  private static Map<String, Rule> build() {
    Map<String, Rule> rules = new LinkedHashMap<>();
    add(
        rules,
        RuleIds.YAML_SYNTAX,
        Severity.ERROR,
        "The file is valid YAML within the size, alias and nesting limits.");
    add(
        rules,
        RuleIds.YAML_DUPLICATE_KEY,
        Severity.ERROR,
        "No mapping has the same key twice (Kubernetes would silently keep the last).");
    add(
        rules,
        RuleIds.SCHEMA,
        Severity.ERROR,
        "The document matches its Kubernetes schema: types, required fields, enums, formats,"
            + " patterns.");
    add(
        rules,
        RuleIds.SCHEMA_UNKNOWN_FIELD,
        Severity.ERROR,
        "The document has no field its kind does not define (a typo is an error).");
    add(
        rules,
        RuleIds.SCHEMA_MISSING,
        Severity.WARNING,
        "Every kind has a schema; kinds without one are not checked.");
    add(
        rules,
        RuleIds.API_VALIDATION,
        Severity.ERROR,
        "What the API server's own validation refuses beyond the schema: names, label,"
            + " annotation and selector syntax, a workload selector that misses its pod template, and in pod"
            + " specs container, port and volume names, images, ports, volume mounts, environment"
            + " variables, tolerations, scheduling constraints and values from fixed sets; Services' ports and type-dependent"
            + " fields; ConfigMap and Secret keys and data; PodDisruptionBudget bounds; NetworkPolicy"
            + " ports, peers and CIDRs; Ingress hosts, paths and backends; HorizontalPodAutoscaler"
            + " bounds, metrics and behavior; role binding references and subjects;"
            + " PersistentVolumeClaim access modes and size; controllers'"
            + " restart policies, counts and rollout strategy.");
    add(
        rules,
        RuleIds.POD_TEMPLATE_REFUSED,
        Severity.WARNING,
        "A pod template the API server takes unchecked (a StatefulSet's, a LeaderWorkerSet's,"
            + " a Ray cluster's, AIBrix's workloads') passes api-validation's pod checks, and a"
            + " StatefulSet's name leaves room for its pods' controller-revision-hash label: else"
            + " every pod its controller makes is refused.");
    add(
        rules,
        RuleIds.API_REMOVED,
        Severity.ERROR,
        "The apiVersion and kind are served by the target Kubernetes minor (not removed).");
    add(
        rules,
        RuleIds.API_DEPRECATED,
        Severity.WARNING,
        "The apiVersion and kind are not deprecated (a later minor removes or replaces them).");
    add(
        rules,
        RuleIds.HELM_LINT,
        Severity.ERROR,
        "helm lint --strict passes, with values.schema.json enforced.");
    add(
        rules,
        RuleIds.HELM_TEMPLATE,
        Severity.ERROR,
        "helm template renders the chart for every entry of the values matrix.");
    for (ContractRule rule : ContractChecker.rules(null)) {
      add(rules, rule.id(), rule.defaultSeverity(), rule.description());
    }
    return Collections.unmodifiableMap(rules);
  }

  private static void add(Map<String, Rule> rules, String id, Severity level, String text) {
    rules.put(id, new Rule(id, level, text));
  }

  /** Every rule, schema rules first, then the contract rules in documentation order. */
  public static Map<String, Rule> all() {
    return RULES;
  }

  public static Optional<Rule> find(String id) {
    return Optional.ofNullable(RULES.get(id));
  }
}
