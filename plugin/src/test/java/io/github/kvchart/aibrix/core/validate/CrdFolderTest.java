package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** crds=<dir> in the kubebuilder layout: other documents are skipped and excludes apply. */
class CrdFolderTest {
  @TempDir Path temp;

  private static final String CRD =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: widgets.example.com
      spec:
        group: example.com
        names: {kind: Widget, plural: widgets}
        scope: Namespaced
        versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      size: {type: integer}
      """;

  private List<Violation> validate(List<String> excludes) throws Exception {
    Path crds = temp.resolve("config/crd");
    Path manifest = temp.resolve("widget.yaml");
    Files.writeString(
        manifest,
        "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: big\n");
    return new ManifestValidator()
        .validate(
            new ValidateRequest(
                temp, List.of(manifest), List.of(), excludes, "1.35", List.of(crds), 1),
            BuildLog.SILENT)
        .violations();
  }

  @Test
  void aKustomizationBesideTheCrdsAndExcludedFilesAreLeftAlone() throws Exception {
    Path crds = Files.createDirectories(temp.resolve("config/crd/bases"));
    Files.writeString(crds.resolve("widgets.yaml"), CRD);
    Files.writeString(
        temp.resolve("config/crd/kustomization.yaml"),
        "resources:\n  - bases/widgets.yaml\npatches: []\n");
    Files.createDirectories(temp.resolve("config/crd/broken"));
    Files.writeString(temp.resolve("config/crd/broken/bad.yaml"), "kind: [\n");
    List<Violation> found = validate(List.of("**/broken/**"));
    assertEquals(1, found.size(), found.toString());
    assertEquals("schema", found.get(0).rule());
    assertEquals(6, found.get(0).line(), "size: big is checked against the CRD's schema");
  }

  @Test
  void aFolderWithoutAnyCrdIsAClearError() throws Exception {
    Files.createDirectories(temp.resolve("config/crd"));
    Files.writeString(temp.resolve("config/crd/kustomization.yaml"), "resources: []\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> validate(List.of()));
    assertTrue(e.getMessage().contains("none holds a CustomResourceDefinition"), e.getMessage());
  }
}
