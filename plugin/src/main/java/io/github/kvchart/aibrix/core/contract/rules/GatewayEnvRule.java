package io.github.kvchart.aibrix.core.contract.rules;

import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.GatewayEnvNames;
import io.github.kvchart.aibrix.core.contract.GatewaySettings;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.contract.PodTemplate;
import io.github.kvchart.aibrix.core.contract.VllmContainer;
import io.github.kvchart.aibrix.core.image.ImageReference;
import io.github.kvchart.aibrix.core.image.Version;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * gateway-env: the gateway's KV-sync settings (in the gateway Deployment's env or a ConfigMap of
 * AIBRIX_ settings): sync needs the remote tokenizer, all names must come from one AIBrix release
 * line (the configured one, when given), and AIBRIX_REMOTE_TOKENIZER_ENGINE does not exist.
 */
public final class GatewayEnvRule implements ContractRule {
  private final Version aibrixVersion;

  /**
   * {@code aibrixVersion} is the user's AIBrix release, or null to infer it from the names used.
   */
  public GatewayEnvRule(Version aibrixVersion) {
    this.aibrixVersion = aibrixVersion;
  }

  /** The gateway's env var that gives every request a routing strategy. */
  static final String ROUTING_ALGORITHM = "ROUTING_ALGORITHM";

  @Override
  public String id() {
    return "gateway-env";
  }

  @Override
  public String description() {
    return "Gateway KV sync has the remote tokenizer, names from the right AIBrix release, no invented names.";
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    for (GatewaySettings settings : GatewaySettings.of(manifests, contract)) {
      check(manifests, settings, contract, severity, violations);
    }
    return violations;
  }

  private void check(
      ManifestSet manifests,
      GatewaySettings settings,
      KvContract contract,
      Severity severity,
      List<Violation> violations) {
    ManifestDocument document = settings.document();
    contract
        .gateway()
        .unknownEnv()
        .forEach(
            (name, fix) -> {
              if (settings.values().containsKey(name)) {
                violations.add(
                    document.violation(
                        settings.pointers().get(name),
                        id(),
                        severity,
                        name + " exists in no AIBrix release.",
                        "Remove it: " + fix + "."));
              }
            });
    String strategy = settings.values().get(ROUTING_ALGORITHM);
    String refused =
        strategy == null || strategy.isBlank()
            ? null
            : contract.aibrix().strategyProblem(strategy, aibrixVersion);
    if (refused != null) {
      violations.add(
          document.violation(
              settings.pointers().get(ROUTING_ALGORITHM),
              id(),
              severity,
              ROUTING_ALGORITHM
                  + " is '"
                  + strategy
                  + "', and "
                  + refused
                  + (aibrixVersion != null ? " in AIBrix " + aibrixVersion : "")
                  + ": the gateway answers every request without a routing-strategy header with"
                  + " 400 (incorrect routing strategy).",
              "Use a strategy the gateway registers, e.g. prefix-cache, least-request or random."));
    }
    GatewayEnvNames used = null;
    for (GatewayEnvNames line : contract.gatewayEnvByRelease()) {
      if ("true".equals(settings.values().get(line.kvSyncEnabled()))) {
        used = line;
      }
    }
    if (used == null) {
      return;
    }
    undecodable(manifests, settings, used, contract, severity).ifPresent(violations::add);
    GatewayEnvNames expected = aibrixVersion == null ? used : contract.gatewayEnvFor(aibrixVersion);
    if (expected == null) {
      violations.add(
          document.violation(
              settings.pointers().get(used.kvSyncEnabled()),
              id(),
              severity,
              "KV sync is switched on, but AIBrix "
                  + aibrixVersion
                  + " predates it (from "
                  + contract.gateway().firstKvSyncRelease()
                  + ").",
              "Upgrade AIBrix."));
      return;
    }
    if (!expected.equals(used)) {
      violations.add(
          document.violation(
              settings.pointers().get(used.kvSyncEnabled()),
              id(),
              severity,
              used.kvSyncEnabled()
                  + " is the name of AIBrix "
                  + used.from()
                  + "-line releases; AIBrix "
                  + aibrixVersion
                  + " reads "
                  + expected.kvSyncEnabled()
                  + ".",
              "Use "
                  + expected.kvSyncEnabled()
                  + ", "
                  + expected.useRemoteTokenizer()
                  + ", "
                  + expected.tokenizerType()
                  + " and "
                  + expected.remoteTokenizerEndpoint()
                  + "."));
    }
    requireSetting(settings, expected.useRemoteTokenizer(), "true", expected, severity, violations);
    requireSetting(settings, expected.tokenizerType(), "remote", expected, severity, violations);
    requireSetting(
        settings, expected.remoteTokenizerEndpoint(), null, expected, severity, violations);
  }

  /**
   * KV sync switched on in a release whose gateway cannot decode vLLM's batches (v0.4.x and v0.5.x
   * read maps of their own layout; vLLM sends arrays): the configured release, else the gateway
   * image's tag, else the names when every release that used them predates the fix.
   */
  private java.util.Optional<Violation> undecodable(
      ManifestSet manifests,
      GatewaySettings settings,
      GatewayEnvNames used,
      KvContract contract,
      Severity severity) {
    Version fixed = contract.aibrix().arrayEventsDecodedFrom();
    if (fixed == null) {
      return java.util.Optional.empty();
    }
    Version release = aibrixVersion;
    String basis = "aibrix-chart.aibrixVersion";
    if (release == null) {
      release = imageRelease(manifests, settings.document());
      basis = "the gateway image";
    }
    if (release == null) {
      List<GatewayEnvNames> lines = contract.gatewayEnvByRelease();
      int next = lines.indexOf(used) + 1;
      if (next < lines.size() && Version.parse(lines.get(next).from()).compareTo(fixed) <= 0) {
        release = Version.parse(used.from());
        basis = "its env names, which only releases before " + lines.get(next).from() + " read";
      }
    }
    if (release == null || contract.aibrix().decodesArrayEvents(release)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        settings
            .document()
            .violation(
                settings.pointers().get(used.kvSyncEnabled()),
                id(),
                severity,
                "KV sync is switched on, but the gateway of AIBrix "
                    + release
                    + " (from "
                    + basis
                    + ") cannot decode the events vLLM sends: it reads msgpack maps of its own"
                    + " layout, vLLM sends arrays, so it drops every batch and prefix-cache"
                    + " routing never sees a block. AIBrix decodes them from "
                    + fixed
                    + " (AIBrix #1848).",
                "Upgrade AIBrix to "
                    + fixed
                    + " or later; it reads the "
                    + contract.gatewayEnvFor(fixed).from()
                    + "-line names ("
                    + contract.gatewayEnvFor(fixed).kvSyncEnabled()
                    + ", ...)."));
  }

  /** The release the gateway-plugins image's tag names, or null. */
  private static Version imageRelease(ManifestSet manifests, ManifestDocument document) {
    for (PodTemplate pod : manifests.podTemplates(document)) {
      for (VllmContainer container : pod.containers()) {
        ImageReference image = ImageReference.parse(container.image());
        if (image != null && image.repository().endsWith("gateway-plugins")) {
          return image.version().orElse(null);
        }
      }
    }
    return null;
  }

  private void requireSetting(
      GatewaySettings settings,
      String name,
      String value,
      GatewayEnvNames expected,
      Severity severity,
      List<Violation> violations) {
    String actual = settings.values().get(name);
    boolean ok = value == null ? actual != null && !actual.isBlank() : value.equals(actual);
    if (!ok) {
      String at =
          settings.pointers().getOrDefault(name, settings.pointers().get(expected.kvSyncEnabled()));
      violations.add(
          settings
              .document()
              .violation(
                  at,
                  id(),
                  severity,
                  "KV sync is on but "
                      + name
                      + (actual == null ? " is not set" : " is '" + actual + "'")
                      + "; the gateway refuses KV sync without the remote tokenizer.",
                  "Set "
                      + name
                      + "="
                      + (value == null ? "http://<model service>:8000" : value)
                      + "."));
    }
  }
}
