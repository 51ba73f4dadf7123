package io.github.kvchart.aibrix.core.validate;

import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.RuleIds;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.Optional;

/**
 * The verdicts on a document's apiVersion and kind themselves, before its fields: a kind in the
 * wrong case, an API the target minor no longer serves (api-removed) or does not serve yet, one it
 * deprecates (api-deprecated), and a kind without any schema (schema-missing).
 */
final class KindVerdicts {
  private KindVerdicts() {}

  /** Why a document whose kind has no schema is not checked, or is wrong. */
  static Violation unchecked(ManifestDocument document, SchemaCatalog catalog) {
    String apiVersion = document.apiVersion();
    String kind = document.kind();
    String minor = catalog.kubernetesVersion();
    Optional<String> spelled = catalog.kindSpelling(apiVersion, kind);
    if (spelled.isPresent()) {
      return document.violation(
          "/kind",
          RuleIds.SCHEMA,
          Severity.ERROR,
          "kind '" + kind + "' is not a kind of " + apiVersion + "; kinds are case-sensitive.",
          "Write kind: " + spelled.get() + ".");
    }
    ApiLifecycle.Verdict verdict = catalog.lifecycle(apiVersion, kind).orElse(null);
    if (verdict != null && verdict.status() == ApiLifecycle.Status.REMOVED) {
      return document.violation(
          "/apiVersion",
          RuleIds.API_REMOVED,
          Severity.ERROR,
          apiVersion
              + " "
              + kind
              + " was removed in "
              + verdict.release()
              + (verdict.use().isEmpty() ? "" : "; use " + verdict.use())
              + " (Kubernetes "
              + minor
              + " refuses it).",
          verdict.use().contains("/") && !verdict.use().contains(" ")
              ? "Change apiVersion to " + verdict.use() + " and check the fields that changed."
              : "Move to " + (verdict.use().isEmpty() ? "a served API" : verdict.use()) + ".");
    }
    if (verdict != null && verdict.status() == ApiLifecycle.Status.NOT_YET) {
      return document.violation(
          "/apiVersion",
          RuleIds.SCHEMA_MISSING,
          Severity.WARNING,
          apiVersion
              + " "
              + kind
              + " is served from Kubernetes "
              + verdict.release()
              + ", not by "
              + minor
              + "; it was not checked.",
          "Set aibrix-chart.kubernetesVersion to your cluster's minor ("
              + verdict.release()
              + " or later serves it).");
    }
    return document.violation(
        "/kind",
        RuleIds.SCHEMA_MISSING,
        Severity.WARNING,
        "no schema for " + kind + " (" + apiVersion + "); it was not checked.",
        "Pass its CRD with aibrix-chart.crds, or check the apiVersion spelling.");
  }

  /** The api-deprecated warning for a served kind a later minor removes or that is deprecated. */
  static Optional<Violation> deprecated(ManifestDocument document, SchemaCatalog catalog) {
    String minor = catalog.kubernetesVersion();
    Optional<ApiLifecycle.Verdict> lifecycle =
        catalog.lifecycle(document.apiVersion(), document.kind());
    if (lifecycle.isEmpty() || lifecycle.get().status() != ApiLifecycle.Status.DEPRECATED) {
      return Optional.empty();
    }
    ApiLifecycle.Verdict verdict = lifecycle.get();
    boolean removedLater = verdict.release().compareTo(minor) > 0;
    return Optional.of(
        document.violation(
            "/apiVersion",
            RuleIds.API_DEPRECATED,
            Severity.WARNING,
            document.apiVersion()
                + " "
                + document.kind()
                + (removedLater
                    ? " is deprecated: Kubernetes " + verdict.release() + " no longer serves it"
                    : " is deprecated since " + verdict.release())
                + (verdict.use().isEmpty() ? "." : "; use " + verdict.use() + "."),
            verdict.use().isEmpty()
                ? "Plan its replacement before upgrading."
                : "Move to " + verdict.use() + " before upgrading."));
  }
}
