package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What validate reads but does not schema-check as a Kubernetes object: kustomize's and Helm's own
 * files, JSON 6902 patches, and the strategic-merge patches a kustomization lists (checked as
 * partial objects).
 */
final class NotManifests {
  private static final List<String> KUSTOMIZATIONS =
      List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  private NotManifests() {}

  /**
   * Files kustomize and Helm read that are not Kubernetes objects: parsed, never schema-checked.
   */
  static boolean byName(Path file) {
    String name = file.getFileName().toString();
    return KUSTOMIZATIONS.contains(name) || name.equals("Chart.yaml");
  }

  /** A JSON 6902 patch (kustomize's patches): a list of operations, not an object. */
  static boolean isJsonPatch(JsonNode root) {
    if (!root.isArray() || root.isEmpty()) {
      return false;
    }
    for (JsonNode operation : root) {
      if (!operation.path("op").isTextual() || !operation.path("path").isTextual()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The files a kustomization (among the sources or beside one) lists as patches
   * (patchesStrategicMerge, patches[].path, resolved from its folder): partial objects, checked for
   * types and unknown fields but not for required ones.
   */
  static Set<Path> kustomizePatches(ManifestParser parser, List<Path> files) {
    Set<Path> patches = new HashSet<>();
    // Every kustomization among the sources or beside them; a patch may live in another folder.
    Set<Path> kustomizations = new TreeSet<>();
    Set<Path> folders = new TreeSet<>();
    files.forEach(file -> folders.add(file.toAbsolutePath().normalize().getParent()));
    for (Path folder : folders) {
      for (String name : KUSTOMIZATIONS) {
        if (Files.isRegularFile(folder.resolve(name))) {
          kustomizations.add(folder.resolve(name));
        }
      }
    }
    for (Path kustomization : kustomizations) {
      Path folder = kustomization.getParent();
      String name = kustomization.getFileName().toString();
      try {
        for (ManifestDocument document :
            parser.parse(name, ManifestValidator.readText(kustomization, name)).documents()) {
          JsonNode root = document.root();
          root.path("patchesStrategicMerge")
              .forEach(p -> patches.add(folder.resolve(p.asText()).normalize()));
          root.path("patches")
              .forEach(
                  p -> {
                    if (p.path("path").isTextual()) {
                      patches.add(folder.resolve(p.path("path").asText()).normalize());
                    }
                  });
        }
      } catch (InvalidInputException | RuntimeException e) {
        // the kustomization itself is reported when it is among the sources
      }
    }
    return patches;
  }
}
