package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.kvchart.aibrix.TestPaths;
import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.render.ChartGenerator;
import io.github.kvchart.aibrix.core.render.GenerateRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast schema walker and networknt find the same problems: on every rule fixture, on the design
 * quickstart, and on 2,000 random mutations of generated documents (wrong types, missing required
 * fields, unknown fields, bad quantities, bad enums).
 */
class EngineEquivalenceTest {
  @TempDir Path temp;

  private final ManifestParser parser = new ManifestParser();

  private static TreeSet<String> describe(List<Violation> violations) {
    TreeSet<String> described = new TreeSet<>();
    violations.forEach(
        v -> described.add(v.rule() + " " + v.pointer() + " " + v.message() + " | " + v.fix()));
    return described;
  }

  private void assertSame(SchemaCatalog catalog, ManifestDocument document) {
    List<Violation> fast = new SchemaCheck(catalog).check(document);
    List<Violation> reference = new SchemaCheck(catalog).networkntOnly().check(document);
    assertEquals(describe(reference), describe(fast), document.root().toString());
  }

  private List<ManifestDocument> documents(Path file) throws Exception {
    return parser.parse(file.getFileName().toString(), Files.readString(file)).documents();
  }

  @Test
  void fixturesAndDesignQuickstart() throws Exception {
    SchemaCatalog catalog = SchemaCatalog.of("1.32", List.of());
    Path base = TestPaths.repoRoot().resolve("plugin/src/test/resources/validate");
    List<Path> files = new ArrayList<>();
    try (var list = Files.list(base.resolve("rules"))) {
      list.forEach(files::add);
    }
    files.add(base.resolve("design-quickstart.yaml"));
    int checked = 0;
    for (Path file : files) {
      for (ManifestDocument document : documents(file)) {
        if (document.root().isObject() && !document.kind().isEmpty()) {
          assertSame(catalog, document);
          checked++;
        }
      }
    }
    assertTrue(checked >= 20, "checked " + checked);
  }

  /**
   * The PodAutoscaler CRD marks replica counts int32: the fast walker now takes that schema, and
   * leaves the format unchecked as networknt does, also for values beyond int32's range.
   */
  @Test
  void numberFormatsOfCrdSchemas() throws Exception {
    SchemaCatalog catalog = SchemaCatalog.of("1.32", List.of());
    assertTrue(catalog.findFast("autoscaling.aibrix.ai/v1alpha1", "PodAutoscaler").isPresent());
    for (String replicas : List.of("2", "99999999999", "-3", "1.5", "\"two\"", "null")) {
      String text =
          "apiVersion: autoscaling.aibrix.ai/v1alpha1\nkind: PodAutoscaler\nmetadata:\n  name: m\n"
              + "spec:\n  scalingStrategy: KPA\n  minReplicas: "
              + replicas
              + "\n  maxReplicas: 4\n  scaleTargetRef:\n    apiVersion: apps/v1\n"
              + "    kind: Deployment\n    name: m\n";
      ManifestDocument document = parser.parse("pa.yaml", text).documents().get(0);
      assertSame(catalog, document);
    }
  }

  @Test
  void randomMutationsOfGeneratedDocuments() throws Exception {
    Path out = temp.resolve("out");
    new ChartGenerator()
        .generate(
            new GenerateRequest(out, TestPaths.chartTemplates(), null, null, "1.0.0", null),
            BuildLog.SILENT);
    List<ManifestDocument> seeds = new ArrayList<>();
    try (var walk = Files.walk(out.resolve("samples"))) {
      for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        seeds.addAll(documents(file));
      }
    }
    SchemaCatalog catalog = SchemaCatalog.of("1.32", List.of());
    Random random = new Random(20261121);
    YAMLMapper yaml = new YAMLMapper();
    int withProblems = 0;
    for (int i = 0; i < 2000; i++) {
      ManifestDocument seed = seeds.get(random.nextInt(seeds.size()));
      JsonNode mutated = seed.root().deepCopy();
      for (int m = 0; m <= random.nextInt(3); m++) {
        mutate(mutated, random);
      }
      ManifestDocument document =
          parser.parse("m.yaml", yaml.writeValueAsString(mutated)).documents().get(0);
      if (!document.root().isObject()
          || document.kind().isEmpty()
          || !catalog.has(document.apiVersion(), document.kind())) {
        continue;
      }
      assertSame(catalog, document);
      if (!new SchemaCheck(catalog).check(document).isEmpty()) {
        withProblems++;
      }
    }
    assertTrue(withProblems > 500, "mutations that broke the schema: " + withProblems);
  }

  /** One random change somewhere in the tree. */
  private static void mutate(JsonNode root, Random random) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    JsonNode target = containers.get(random.nextInt(containers.size()));
    JsonNodeFactory json = JsonNodeFactory.instance;
    JsonNode[] values = {
      json.textNode("two"),
      json.numberNode(7),
      json.booleanNode(true),
      json.nullNode(),
      json.objectNode(),
      json.arrayNode(),
      json.textNode("5x"),
      json.numberNode(1.5),
      json.textNode("2026-13-01")
    };
    if (target instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      int action = random.nextInt(3);
      if (action == 0 || names.isEmpty()) {
        object.set("unknownField" + random.nextInt(3), values[random.nextInt(values.length)]);
      } else if (action == 1) {
        object.remove(names.get(random.nextInt(names.size())));
      } else {
        object.set(names.get(random.nextInt(names.size())), values[random.nextInt(values.length)]);
      }
    } else if (target instanceof ArrayNode array && !array.isEmpty()) {
      array.set(random.nextInt(array.size()), values[random.nextInt(values.length)]);
    }
  }

  private static void collect(JsonNode node, List<JsonNode> containers) {
    if (node.isContainerNode()) {
      containers.add(node);
      Iterator<JsonNode> children = node.elements();
      while (children.hasNext()) {
        collect(children.next(), containers);
      }
    }
  }
}
