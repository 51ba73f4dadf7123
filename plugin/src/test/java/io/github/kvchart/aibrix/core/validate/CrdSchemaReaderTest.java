package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.TestPaths;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CRD openAPIV3Schema used directly: int-or-string, preserve-unknown-fields, strict objects. */
class CrdSchemaReaderTest {
  private final ManifestParser parser = new ManifestParser();

  private List<Violation> check(String resource) throws Exception {
    String crd =
        Files.readString(TestPaths.repoRoot().resolve("it/validate-crd/crds/widget-crd.yaml"));
    List<CrdSchema> crds = CrdSchemaReader.read(parser.parse("crd.yaml", crd));
    SchemaCheck check = new SchemaCheck(SchemaCatalog.of("1.32", crds));
    return check.check(parser.parse("cr.yaml", resource).documents().get(0));
  }

  @Test
  void validResourcePasses() throws Exception {
    assertEquals(
        List.of(),
        check(
            "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n"
                + "spec: {size: 2, port: 8080, extra: {free: [1, 2]}}\n"));
  }

  @Test
  void unknownFieldTypeAndRequiredAreCaught() throws Exception {
    List<Violation> violations =
        check(
            "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n"
                + "spec:\n  sise: 2\n  port: true\n");
    List<String> rules = violations.stream().map(Violation::rule).sorted().toList();
    assertEquals(List.of("schema", "schema", "schema-unknown-field"), rules, violations.toString());
    Violation typo =
        violations.stream()
            .filter(v -> v.rule().equals("schema-unknown-field"))
            .findFirst()
            .orElseThrow();
    assertEquals(5, typo.line());
    assertTrue(typo.fix().contains("'size'"), typo.fix());
  }

  @Test
  void aFileWithoutCrdsGivesNoSchemas() throws Exception {
    // A crds folder holds more than CRDs (a kustomization.yaml, say): those files add nothing;
    // CrdFolderTest shows that a folder without any CRD is a clear error.
    assertEquals(
        List.of(),
        CrdSchemaReader.read(parser.parse("x.yaml", "apiVersion: v1\nkind: ConfigMap\n")));
  }

  @Test
  void aRequiredFieldWithADefaultMayBeLeftOut() throws Exception {
    // KubeRay's workerGroupSpecs require minReplicas and maxReplicas and default both; the API
    // server defaults before it validates (KEP-575), so leaving them out is accepted.
    String crd =
        """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: groups.example.com}
        spec:
          group: example.com
          names: {kind: Group, plural: groups}
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
                      required: [name, replicas]
                      properties:
                        name: {type: string}
                        replicas: {type: integer, default: 1}
        """;
    List<CrdSchema> crds = CrdSchemaReader.read(parser.parse("crd.yaml", crd));
    SchemaCheck check = new SchemaCheck(SchemaCatalog.of("1.32", crds));
    String head = "apiVersion: example.com/v1\nkind: Group\nmetadata: {name: g}\n";
    assertEquals(
        List.of(),
        check.check(parser.parse("g.yaml", head + "spec: {name: a}\n").documents().get(0)));
    List<Violation> missing =
        check.check(parser.parse("g.yaml", head + "spec: {replicas: 2}\n").documents().get(0));
    assertEquals(List.of("schema"), missing.stream().map(Violation::rule).toList());
    assertTrue(missing.get(0).message().contains("'name'"), missing.toString());
  }
}
