package io.github.kvchart.aibrix.core.contract.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.contract.ModelConfigProfiles;
import io.github.kvchart.aibrix.core.contract.PodTemplate;
import io.github.kvchart.aibrix.core.image.Version;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * model-config-profile: the {@code model.aibrix.ai/config} annotation of a model's pods, whose
 * profiles give its requests a routing strategy, routing config and rate limit (AIBrix v0.6.0 on).
 * The gateway drops a text it cannot decode, or one without profiles, with a log line at verbosity
 * 4 only, and a request without the {@code config-profile} header gets no profile when no profile
 * carries the default name: the model then routes as if the annotation were not there. Read in
 * pkg/plugins/gateway/configprofiles (v0.6.0, v0.7.0); {@link ModelConfigProfiles} decodes it.
 */
public final class ModelConfigProfileRule implements ContractRule {
  static final Version PROFILES_FROM = Version.parse("v0.6.0");
  private final Version aibrixVersion;

  /** {@code aibrixVersion} is the user's AIBrix release, or null when not named. */
  public ModelConfigProfileRule(Version aibrixVersion) {
    this.aibrixVersion = aibrixVersion;
  }

  /** The release judged: the one named, else the newest the contract knows. */
  private String release(KvContract contract) {
    List<Version> releases = contract.aibrix().releases();
    return (aibrixVersion != null ? aibrixVersion : releases.get(releases.size() - 1)).toString();
  }

  @Override
  public String id() {
    return "model-config-profile";
  }

  @Override
  public String description() {
    return "A model pod's model.aibrix.ai/config annotation decodes as the gateway reads it, has"
        + " profiles and the default one, and only keys the gateway knows.";
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    String nameLabel = contract.label("name");
    for (PodTemplate pod : manifests.podTemplates()) {
      JsonNode annotation = pod.annotation(ModelRouteRule.CONFIG_ANNOTATION);
      if (!annotation.isTextual() || !pod.label(nameLabel).isTextual()) {
        continue;
      }
      String at = pod.pointer() + "/metadata/annotations/model.aibrix.ai~1config";
      if (aibrixVersion != null && aibrixVersion.compareTo(PROFILES_FROM) < 0) {
        violations.add(
            pod.document()
                .violation(
                    at,
                    id(),
                    Severity.WARNING,
                    "AIBrix "
                        + aibrixVersion
                        + "'s gateway does not read model.aibrix.ai/config; its profiles came in "
                        + PROFILES_FROM
                        + ".",
                    "Give the routing strategy another way (the routing-strategy header or the"
                        + " gateway's ROUTING_ALGORITHM), or upgrade AIBrix."));
        continue;
      }
      ModelConfigProfiles.strategies(annotation.asText())
          .forEach(
              (profile, strategy) -> {
                String problem = contract.aibrix().strategyProblem(strategy, aibrixVersion);
                if (problem != null) {
                  violations.add(
                      pod.document()
                          .violation(
                              at,
                              id(),
                              severity,
                              "model.aibrix.ai/config: profile '"
                                  + profile
                                  + "' names routing strategy '"
                                  + strategy
                                  + "', and "
                                  + problem
                                  + " for the gateway of AIBrix "
                                  + release(contract)
                                  + ", so it answers every request the profile routes with 400.",
                              "Use a strategy the gateway registers, e.g. prefix-cache,"
                                  + " least-request or random."));
                }
              });
      for (ModelConfigProfiles.Problem problem :
          ModelConfigProfiles.problems(annotation.asText())) {
        violations.add(
            pod.document()
                .violation(
                    at,
                    id(),
                    severity,
                    "model.aibrix.ai/config: "
                        + problem.message()
                        + (problem.unusable()
                            ? ", so AIBrix's gateway drops the annotation (logging it at verbosity"
                                + " 4 only) and routes the model as if it were not there."
                            : problem.noDefault()
                                ? ", so such requests route as if the annotation were not there."
                                : "."),
                    problem.unusable()
                        ? "Write it as JSON: {\"defaultProfile\": \"default\", \"profiles\":"
                            + " {\"default\": {\"routingStrategy\": \"prefix-cache\"}}}."
                        : problem.noDefault()
                            ? "Name a profile \"default\", or set defaultProfile to one of the"
                                + " profiles."
                            : "Use defaultProfile and profiles at the top, and routingStrategy,"
                                + " routingConfig and requestsPerSecond in a profile."));
      }
    }
    return violations;
  }
}
