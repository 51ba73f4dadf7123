package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.Json;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the API server refuses in the common volume sources of a pod spec
 * (validateSecretVolumeSource, validateConfigMapVolumeSource, validateKeyToPath,
 * validatePersistentClaimVolumeSource, validateHostPathVolumeSource, validateNFSVolumeSource,
 * validateDownwardAPIVolumeFile in kubernetes' core validation): a secret without secretName, a
 * configMap without name, a claim without claimName, a hostPath without path or with '..' or an
 * unknown type, an NFS export without server or an absolute path; items without key or path, with a
 * path that is absolute, holds '..' or starts with '..'; file modes outside 0-0777; downwardAPI
 * files; projected volumes (validateProjectedVolumeSource). Part of {@link WorkloadCheck}.
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
      items(document, at + "/" + source, source, node, null, violations);
    }
    JsonNode projected = volume.path("projected");
    if (projected.isObject()) {
      projected(document, at + "/projected", projected, violations);
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
   * The items of the {@code source} (secret, configMap or downwardAPI) {@code node} at {@code at}:
   * a key (a file's field for downwardAPI), a local path, a file mode; {@code paths}, when not
   * null, gathers the paths of a projected volume's sources, which must not repeat.
   */
  private static void items(
      ManifestDocument document,
      String at,
      String source,
      JsonNode node,
      Set<String> paths,
      List<Violation> violations) {
    JsonNode items = Json.items(node.path("items"));
    for (int i = 0; i < items.size(); i++) {
      String where = at + "/items/" + i;
      JsonNode item = items.get(i);
      if (source.equals("downwardAPI")) {
        downwardFile(document, where, item, violations);
      } else if (item.path("key").asText("").isEmpty()) {
        violations.add(
            ApiSyntax.error(
                document, where, "the item names no key.", "Add key: <the " + source + "'s key>."));
      }
      path(document, where + "/path", item.path("path"), violations);
      mode(document, where + "/mode", item.path("mode"), violations);
      repeated(document, where + "/path", item.path("path"), paths, violations);
    }
  }

  /**
   * validateDownwardAPIVolumeFile: one of fieldRef (a field of
   * validVolumeDownwardAPIFieldPathExpressions) and resourceFieldRef (which names its container).
   */
  private static void downwardFile(
      ManifestDocument document, String at, JsonNode file, List<Violation> violations) {
    boolean field = file.hasNonNull("fieldRef");
    boolean resource = file.hasNonNull("resourceFieldRef");
    if (field == resource) {
      violations.add(
          ApiSyntax.error(
              document,
              at,
              field
                  ? "the file names both a fieldRef and a resourceFieldRef; the API server takes one."
                  : "the file names neither a fieldRef nor a resourceFieldRef.",
              "Give it fieldRef: {fieldPath: metadata.labels} or resourceFieldRef: {containerName:"
                  + " <container>, resource: limits.memory}."));
      return;
    }
    JsonNode path = file.path("fieldRef").path("fieldPath");
    if (field && path.isTextual()) {
      String text = path.asText();
      String base = text.contains("['") ? text.substring(0, text.indexOf("['")) : text;
      String problem =
          VOLUME_FIELD_PATHS.contains(base)
              ? text.equals(base) ? null : EnvCheck.fieldPathProblem(text)
              : "is not a field the downward API gives a volume";
      if (problem != null) {
        violations.add(
            ApiSyntax.error(
                document,
                at + "/fieldRef/fieldPath",
                "fieldPath '" + text + "' " + problem + ".",
                "Use metadata.name, metadata.namespace, metadata.uid, metadata.labels or"
                    + " metadata.annotations (or one key, as metadata.labels['<key>']); a"
                    + " variable can take spec.nodeName and status fields."));
      }
    }
    if (resource && file.path("resourceFieldRef").path("containerName").asText("").isEmpty()) {
      violations.add(
          ApiSyntax.error(
              document,
              at + "/resourceFieldRef",
              "a volume's resourceFieldRef needs its containerName.",
              "Add containerName: <the container whose resources the file gives>."));
    }
  }

  private static final Set<String> VOLUME_FIELD_PATHS =
      Set.of(
          "metadata.name",
          "metadata.namespace",
          "metadata.uid",
          "metadata.labels",
          "metadata.annotations");

  private static final List<String> PROJECTIONS =
      List.of(
          "secret",
          "configMap",
          "downwardAPI",
          "serviceAccountToken",
          "clusterTrustBundle",
          "podCertificate");

  /**
   * validateProjectedVolumeSource: one kind per source; a secret's or configMap's name; their items
   * and downwardAPI files as in a volume of their own; a serviceAccountToken's path and lifetime
   * (10 minutes to 2^32 seconds); and no path twice across the sources.
   */
  private static void projected(
      ManifestDocument document, String at, JsonNode projected, List<Violation> violations) {
    mode(document, at + "/defaultMode", projected.path("defaultMode"), violations);
    JsonNode sources = Json.items(projected.path("sources"));
    Set<String> paths = new HashSet<>();
    for (int i = 0; i < sources.size(); i++) {
      String where = at + "/sources/" + i;
      JsonNode source = sources.get(i);
      List<String> kinds = PROJECTIONS.stream().filter(source::hasNonNull).toList();
      if (kinds.size() > 1) {
        violations.add(
            ApiSyntax.error(
                document,
                where,
                "the source names "
                    + String.join(" and ", kinds)
                    + "; the API server takes one kind per source.",
                "Make each a source of its own in the sources list."));
      }
      for (String kind : List.of("secret", "configMap")) {
        JsonNode node = source.path(kind);
        if (node.isObject() && node.path("name").asText("").isEmpty()) {
          violations.add(
              ApiSyntax.error(
                  document,
                  where + "/" + kind,
                  "the projected " + kind + " has no name.",
                  "Add name: <name of the " + kind + ">."));
        }
        items(document, where + "/" + kind, kind, node, paths, violations);
      }
      items(
          document,
          where + "/downwardAPI",
          "downwardAPI",
          source.path("downwardAPI"),
          paths,
          violations);
      JsonNode token = source.path("serviceAccountToken");
      if (token.isObject()) {
        JsonNode seconds = token.path("expirationSeconds");
        if (seconds.isIntegralNumber()
            && (seconds.asLong() < 600 || seconds.asLong() > (1L << 32))) {
          violations.add(
              ApiSyntax.error(
                  document,
                  where + "/serviceAccountToken/expirationSeconds",
                  "expirationSeconds "
                      + seconds.asLong()
                      + " is outside 600 (10 minutes) to 4294967296 (2^32).",
                  "Use at least 600, or leave it out for an hour."));
        }
        if (token.has("path")) { // the schema reports a missing path
          path(document, where + "/serviceAccountToken/path", token.path("path"), violations);
        }
        repeated(
            document, where + "/serviceAccountToken/path", token.path("path"), paths, violations);
      }
      JsonNode bundle = source.path("clusterTrustBundle");
      if (bundle.isObject()) {
        if (bundle.has("path")) {
          path(document, where + "/clusterTrustBundle/path", bundle.path("path"), violations);
        }
        repeated(
            document, where + "/clusterTrustBundle/path", bundle.path("path"), paths, violations);
      }
    }
  }

  /** A projected volume's path that an earlier source already writes ("conflicting duplicate"). */
  private static void repeated(
      ManifestDocument document,
      String at,
      JsonNode path,
      Set<String> paths,
      List<Violation> violations) {
    if (paths != null
        && path.isTextual()
        && !path.asText().isEmpty()
        && !paths.add(path.asText())) {
      violations.add(
          ApiSyntax.error(
              document,
              at,
              "path '"
                  + path.asText()
                  + "' is written by an earlier source of the projected volume.",
              "Give each file of the volume its own path."));
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
