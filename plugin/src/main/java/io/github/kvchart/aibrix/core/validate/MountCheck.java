package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.Json;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A container's volume mounts as ValidateVolumeMounts reads them (kubernetes' core validation): a
 * volume the pod has, a path mounted once and not empty, a relative subPath or subPathExpr without
 * '..' (not both), a known mountPropagation (Bidirectional only in a privileged container), and a
 * recursiveReadOnly of IfPossible or Enabled only on a readOnly mount without propagation. Part of
 * {@link ContainerCheck}.
 */
final class MountCheck {
  private MountCheck() {}

  /** The mounts of {@code container} at {@code at}; {@code volumes} are the pod's. */
  static void check(
      ManifestDocument document,
      String at,
      JsonNode container,
      Set<String> volumes,
      List<Violation> violations) {
    JsonNode mounts = Json.items(container.path("volumeMounts"));
    Set<String> paths = mounts.size() > 1 ? new HashSet<>() : null;
    for (int i = 0; i < mounts.size(); i++) {
      JsonNode mount = mounts.get(i);
      JsonNode volume = mount.path("name");
      if (volume.isTextual() && !volumes.contains(volume.asText())) {
        violations.add(
            ApiSyntax.error(
                document,
                at + "/volumeMounts/" + i + "/name",
                "volume mount '"
                    + volume.asText()
                    + "' names no volume of the pod"
                    + (volumes.isEmpty()
                        ? " (it has none)"
                        : " (it has " + String.join(", ", volumes) + ")")
                    + "; the API server refuses it.",
                "Add a volume named '"
                    + volume.asText()
                    + "' to the pod's volumes, or mount one it has."));
      }
      JsonNode subPath = mount.path("subPath");
      if (subPath.isTextual() && !subPath.asText().isEmpty()) {
        String text = subPath.asText();
        if (text.startsWith("/") || VolumeCheck.hasBackstep(text)) {
          violations.add(
              ApiSyntax.error(
                  document,
                  at + "/volumeMounts/" + i + "/subPath",
                  "subPath '"
                      + text
                      + "' "
                      + (text.startsWith("/") ? "is absolute" : "holds '..'")
                      + "; it must be a path inside the volume.",
                  "Write the path relative to the volume's root, e.g. config.yaml."));
        }
        if (mount.path("subPathExpr").isTextual()
            && !mount.path("subPathExpr").asText().isEmpty()) {
          violations.add(
              ApiSyntax.error(
                  document,
                  at + "/volumeMounts/" + i + "/subPathExpr",
                  "subPath and subPathExpr may not both be set.",
                  "Keep one of them."));
        }
      }
      JsonNode path = mount.path("mountPath");
      if (paths != null
          && path.isTextual()
          && !path.asText().isEmpty()
          && !paths.add(path.asText())) {
        violations.add(
            ApiSyntax.error(
                document,
                at + "/volumeMounts/" + i + "/mountPath",
                "mountPath '"
                    + path.asText()
                    + "' is mounted twice in this container; the API server wants each path once.",
                "Remove one of the mounts, or give it another path (use subPath to mount parts of"
                    + " one volume)."));
      }
      String where = at + "/volumeMounts/" + i;
      JsonNode expr = mount.path("subPathExpr");
      if (expr.isTextual()
          && (expr.asText().startsWith("/") || VolumeCheck.hasBackstep(expr.asText()))) {
        violations.add(
            ApiSyntax.error(
                document,
                where + "/subPathExpr",
                "subPathExpr '" + expr.asText() + "' is absolute or holds '..'.",
                "Write the path relative to the volume's root, e.g. $(POD_NAME)."));
      }
      if (path.isTextual() && path.asText().isEmpty()) {
        violations.add(
            ApiSyntax.error(
                document,
                where + "/mountPath",
                "the mount has an empty mountPath.",
                "Write the directory in the container, e.g. /models."));
      }
      propagation(document, where, mount, container, violations);
    }
  }

  /** validateMountPropagation and validateMountRecursiveReadOnly. */
  private static void propagation(
      ManifestDocument document,
      String at,
      JsonNode mount,
      JsonNode container,
      List<Violation> violations) {
    JsonNode propagation = mount.path("mountPropagation");
    ApiSyntax.oneOfOrEmpty(
        document,
        at + "/mountPropagation",
        propagation,
        List.of("Bidirectional", "HostToContainer", "None"),
        violations);
    if (propagation.asText().equals("Bidirectional")
        && !container.path("securityContext").path("privileged").asBoolean(false)) {
      violations.add(
          ApiSyntax.error(
              document,
              at + "/mountPropagation",
              "Bidirectional mount propagation is for privileged containers only.",
              "Use HostToContainer, or make the container privileged."));
    }
    JsonNode recursive = mount.path("recursiveReadOnly");
    ApiSyntax.oneOfOrEmpty(
        document,
        at + "/recursiveReadOnly",
        recursive,
        List.of("Disabled", "IfPossible", "Enabled"),
        violations);
    if ((recursive.asText().equals("IfPossible") || recursive.asText().equals("Enabled"))
        && (!mount.path("readOnly").asBoolean(false)
            || (propagation.isTextual() && !propagation.asText().equals("None")))) {
      violations.add(
          ApiSyntax.error(
              document,
              at + "/recursiveReadOnly",
              "recursiveReadOnly "
                  + recursive.asText()
                  + " needs readOnly: true and no mount propagation but None.",
              "Add readOnly: true (and drop mountPropagation), or remove recursiveReadOnly."));
    }
  }
}
