package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.Json;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.List;

/**
 * What the API server refuses in the common volume sources of a pod spec
 * (validateSecretVolumeSource, validateConfigMapVolumeSource, validateKeyToPath,
 * validatePersistentClaimVolumeSource, validateHostPathVolumeSource, validateNFSVolumeSource,
 * validateDownwardAPIVolumeFile in kubernetes' core validation): a secret without secretName, a
 * configMap without name, a claim without claimName, a hostPath without path or with '..' or an
 * unknown type, an NFS export without server or an absolute path; items without key or path, with a
 * path that is absolute, holds '..' or starts with '..'; file modes outside 0-0777. Part of {@link
 * WorkloadCheck}.
 */
final class VolumeCheck {
  private static final List<String> HOST_PATH_TYPES =
      List.of(
          "DirectoryOrCreate",
          "Directory",
          "FileOrCreate",
          "File",
          "Socket",
          "CharDevice",
          "BlockDevice");

  private VolumeCheck() {}

  static void check(
      ManifestDocument document, String at, JsonNode volume, List<Violation> violations) {
    required(document, at + "/secret", volume.path("secret"), "secretName", false, violations);
    required(document, at + "/configMap", volume.path("configMap"), "name", false, violations);
    required(
        document,
        at + "/persistentVolumeClaim",
        volume.path("persistentVolumeClaim"),
        "claimName",
        true,
        violations);
    for (String source : List.of("secret", "configMap", "downwardAPI")) {
      JsonNode node = volume.path(source);
      mode(document, at + "/" + source + "/defaultMode", node.path("defaultMode"), violations);
      JsonNode items = Json.items(node.path("items"));
      for (int i = 0; i < items.size(); i++) {
        String where = at + "/" + source + "/items/" + i;
        JsonNode item = items.get(i);
        if (!source.equals("downwardAPI") && item.path("key").asText("").isEmpty()) {
          violations.add(
              ApiSyntax.error(
                  document,
                  where,
                  "the item names no key.",
                  "Add key: <the " + source + "'s key>."));
        }
        path(document, where + "/path", item.path("path"), violations);
        mode(document, where + "/mode", item.path("mode"), violations);
      }
    }
    JsonNode hostPath = volume.path("hostPath");
    if (hostPath.isObject()) {
      String path = hostPath.path("path").asText("");
      if (path.isEmpty()) {
        violations.add(
            ApiSyntax.error(
                document,
                at + "/hostPath",
                "the hostPath volume has no path.",
                "Add path: <directory on the node>, e.g. /mnt/models."));
      } else if (hasBackstep(path)) {
        violations.add(
            ApiSyntax.error(
                document,
                at + "/hostPath/path",
                "hostPath '" + path + "' holds '..'; the API server refuses it.",
                "Write the path without '..'."));
      }
      ApiSyntax.oneOf(
          document, at + "/hostPath/type", hostPath.path("type"), HOST_PATH_TYPES, violations);
    }
    JsonNode nfs = volume.path("nfs");
    if (nfs.isObject()) {
      if (nfs.path("server").asText("").isEmpty()) {
        violations.add(
            ApiSyntax.error(
                document, at + "/nfs", "the NFS volume has no server.", "Add server: <host>."));
      }
      if (!nfs.path("path").asText("").startsWith("/")) {
        violations.add(
            ApiSyntax.error(
                document,
                at + "/nfs/path",
                "the NFS path must be absolute.",
                "Write the export's path from /, e.g. /exports/models."));
      }
    }
  }

  /**
   * The field {@code name} of the source at {@code at} is set and not empty ({@code inSchema}: the
   * schema requires it, so only an empty one is this check's).
   */
  private static void required(
      ManifestDocument document,
      String at,
      JsonNode source,
      String name,
      boolean inSchema,
      List<Violation> violations) {
    JsonNode value = source.path(name);
    if (source.isObject() && value.asText("").isEmpty() && !(inSchema && value.isMissingNode())) {
      violations.add(
          ApiSyntax.error(
              document,
              at,
              "the " + at.substring(at.lastIndexOf('/') + 1) + " volume has no " + name + ".",
              "Add " + name + ": <name of the object to mount>."));
    }
  }

  /** ValidateLocalNonReservedPath: relative, no '..' element, not starting with '..'. */
  static void path(
      ManifestDocument document, String at, JsonNode path, List<Violation> violations) {
    if (!path.isTextual() && !path.isMissingNode()) {
      return;
    }
    String text = path.asText("");
    String problem =
        text.isEmpty()
            ? "is empty"
            : text.startsWith("/")
                ? "is absolute; it must be relative to the volume"
                : hasBackstep(text) || text.startsWith("..") ? "holds or starts with '..'" : null;
    if (problem != null) {
      violations.add(
          ApiSyntax.error(
              document,
              at,
              "path '" + text + "' " + problem + ".",
              "Use a file name relative to the mount, e.g. config.yaml."));
    }
  }

  /** validatePathNoBacksteps: no '..' element between slashes. */
  static boolean hasBackstep(String path) {
    for (String part : path.replace('\\', '/').split("/", -1)) {
      if (part.equals("..")) {
        return true;
      }
    }
    return false;
  }

  private static void mode(
      ManifestDocument document, String at, JsonNode mode, List<Violation> violations) {
    if (mode.isIntegralNumber() && (mode.asLong() < 0 || mode.asLong() > 0777)) {
      violations.add(
          ApiSyntax.error(
              document,
              at,
              "file mode "
                  + mode.asLong()
                  + " is outside 0-0777 (0-511 in decimal). YAML reads 0644 as octal only in YAML"
                  + " 1.1; JSON has no octal.",
              "Use 0644 (octal) or 420 (decimal)."));
    }
  }
}
