package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is not a Kubernetes manifest is parsed but not schema-checked, and counted as skipped; a
 * kustomize patch is checked as a partial object.
 */
class NotManifestsTest {
  @TempDir Path temp;

  private ValidationResult validate() throws Exception {
    return new ManifestValidator()
        .validate(
            new ValidateRequest(temp, List.of(temp), List.of(), List.of(), "1.35", List.of(), 1),
            BuildLog.SILENT);
  }

  private void write(String name, String text) throws Exception {
    Files.createDirectories(temp.resolve(name).getParent());
    Files.writeString(temp.resolve(name), text);
  }

  @Test
  void kustomizationChartValuesAndEmptyFilesAreSkippedNotFailed() throws Exception {
    write(
        "app/kustomization.yaml",
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [cm.yaml]\n");
    write("app/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");
    write("chart/Chart.yaml", "apiVersion: v2\nname: x\nversion: 1.0.0\n");
    write("values-prod.yaml", "replicas: 3\nimage:\n  tag: v1\n");
    write("unused-json-patch.yaml", "- op: add\n  path: /metadata/labels/x\n  value: y\n");
    write("empty.yaml", "");
    write("comment.yaml", "# nothing here\n");
    ValidationResult result = validate();
    assertEquals(List.of(), result.violations());
    assertEquals(1, result.documents().size(), result.documents().toString());
    // chart/ is a Helm chart (linted and rendered: it has no templates); the other four are
    // skipped.
    assertEquals(
        List.of(
            "app/kustomization.yaml",
            "comment.yaml",
            "empty.yaml",
            "unused-json-patch.yaml",
            "values-prod.yaml"),
        result.skipped());
    assertTrue(
        result
            .summary()
            .startsWith(
                "Validated 1 documents in 7 files (5 files skipped: not Kubernetes manifests): 0 errors"),
        result.summary());
  }

  @Test
  void aSkippedFileIsStillParsed() throws Exception {
    write("values.yaml", "a: 1\na: 2\n");
    write("kustomization.yaml", "resources: [\n");
    List<Violation> found = validate().violations();
    assertEquals(2, found.size(), found.toString());
    assertEquals("yaml-syntax", found.get(0).rule());
    assertEquals("kustomization.yaml", found.get(0).file());
    assertEquals("yaml-duplicate-key", found.get(1).rule());
  }

  @Test
  void aDocumentWithOnlyOneOfApiVersionAndKindIsStillAnError() throws Exception {
    write("half.yaml", "kind: ConfigMap\nmetadata:\n  name: c\n");
    List<Violation> found = validate().violations();
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).message().contains("has no apiVersion"), found.toString());
  }

  @Test
  void aKustomizePatchIsCheckedAsAPartialObject() throws Exception {
    write(
        "kustomization.yaml",
        "resources: [deploy.yaml]\npatchesStrategicMerge: [replicas.yaml]\n"
            + "patches:\n  - path: typo.yaml\n  - path: ops.yaml\n    target: {kind: Deployment}\n");
    write("ops.yaml", "- op: replace\n  path: /spec/replicas\n  value: 2\n");
    write(
        "deploy.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n"
            + "  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n"
            + "    spec:\n      containers: [{name: web, image: nginx}]\n");
    write(
        "replicas.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n");
    write(
        "typo.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replica: 3\n");
    List<Violation> found = validate().violations();
    assertEquals(1, found.size(), found.toString());
    assertEquals("typo.yaml", found.get(0).file());
    assertEquals("schema-unknown-field", found.get(0).rule());
  }

  @Test
  void jsonManifestsWork() throws Exception {
    write(
        "ns.json",
        "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"a\"}}\n");
    write("bad.json", "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metdata\": {}}\n");
    ValidationResult result =
        new ManifestValidator()
            .validate(
                new ValidateRequest(
                    temp, List.of(temp), List.of("**/*.json"), List.of(), "1.35", List.of(), 1),
                BuildLog.SILENT);
    assertEquals(2, result.documents().size());
    assertEquals(1, result.violations().size(), result.violations().toString());
    assertEquals("bad.json", result.violations().get(0).file());
    assertEquals(1, result.violations().get(0).line());
  }
}
