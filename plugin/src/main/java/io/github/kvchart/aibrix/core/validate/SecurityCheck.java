package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.Json;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.List;

/**
 * What the API server refuses in a pod's and a container's security settings beyond the schema
 * (ValidateSecurityContext, ValidatePodSecurityContext, validateHostNetwork in kubernetes' core
 * validation). Part of {@link WorkloadCheck} and {@link ContainerCheck}.
 */
final class SecurityCheck {
  private SecurityCheck() {}

  /** The pod's fsGroup and user IDs, and its host-network ports. */
  static void pod(
      ManifestDocument document, String spec, JsonNode pod, List<Violation> violations) {
    userIds(document, spec + "/securityContext", pod.path("securityContext"), violations);
    hostNetworkPorts(document, spec, pod, violations);
  }

  /**
   * ValidateSecurityContext: user and group IDs from 0 to 2147483647; allowPrivilegeEscalation
   * false beside privileged true or an added CAP_SYS_ADMIN.
   */
  static void container(
      ManifestDocument document, String at, JsonNode context, List<Violation> violations) {
    if (!context.isObject()) {
      return;
    }
    userIds(document, at, context, violations);
    if (context.path("allowPrivilegeEscalation").isBoolean()
        && !context.path("allowPrivilegeEscalation").asBoolean()) {
      boolean privileged = context.path("privileged").asBoolean(false);
      boolean sysAdmin = false;
      for (JsonNode capability : Json.items(context.path("capabilities").path("add"))) {
        sysAdmin |= capability.asText().equals("CAP_SYS_ADMIN");
      }
      if (privileged || sysAdmin) {
        violations.add(
            ApiSyntax.error(
                document,
                at + "/allowPrivilegeEscalation",
                "allowPrivilegeEscalation is false beside "
                    + (privileged ? "privileged: true" : "the added capability CAP_SYS_ADMIN")
                    + "; the API server refuses the pair.",
                "Set allowPrivilegeEscalation: true (a privileged container escalates anyway), or"
                    + " drop "
                    + (privileged ? "privileged" : "CAP_SYS_ADMIN")
                    + "."));
      }
    }
  }

  /** IsValidUserID and IsValidGroupID for runAsUser and runAsGroup (and a pod's fsGroup). */
  static void userIds(
      ManifestDocument document, String at, JsonNode context, List<Violation> violations) {
    for (String field : List.of("runAsUser", "runAsGroup", "fsGroup")) {
      JsonNode id = context.path(field);
      if (id.isIntegralNumber()
          && id.canConvertToLong()
          && (id.asLong() < 0 || id.asLong() > Integer.MAX_VALUE)) {
        violations.add(
            ApiSyntax.error(
                document,
                at + "/" + field,
                field + " " + id.asLong() + " is outside 0-2147483647.",
                "Use a user or group ID from 0 to 2147483647, e.g. 1000."));
      }
    }
  }

  /**
   * validateHostNetwork: with hostNetwork a container port's hostPort equals its containerPort
   * (SetDefaults_PodSpec gives a port without hostPort its own).
   */
  private static void hostNetworkPorts(
      ManifestDocument document, String spec, JsonNode pod, List<Violation> violations) {
    if (!pod.path("hostNetwork").asBoolean(false)) {
      return;
    }
    JsonNode regular = Json.items(pod.path("containers"));
    for (int c = 0; c < regular.size(); c++) {
      JsonNode ports = Json.items(regular.get(c).path("ports"));
      for (int p = 0; p < ports.size(); p++) {
        JsonNode host = ports.get(p).path("hostPort");
        JsonNode port = ports.get(p).path("containerPort");
        if (host.isIntegralNumber()
            && host.asLong() != 0
            && port.isIntegralNumber()
            && host.asLong() != port.asLong()) {
          violations.add(
              ApiSyntax.error(
                  document,
                  spec + "/containers/" + c + "/ports/" + p + "/containerPort",
                  "containerPort "
                      + port.asLong()
                      + " differs from hostPort "
                      + host.asLong()
                      + "; with hostNetwork the API server wants them equal.",
                  "Remove hostPort (it then equals containerPort), or serve on the host port."));
        }
      }
    }
  }
}
