package io.github.kvchart.aibrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.render.ChartGenerator;
import io.github.kvchart.aibrix.core.render.GenerateRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test set-up shared by the acceptance tests: the default output, and YAML split into objects. */
public final class GeneratedOutput {
  private static final YAMLMapper YAML = new YAMLMapper();

  private GeneratedOutput() {}

  /** Generates the built-in models' output (chart version 1.0.0) into {@code out}. */
  public static Path defaults(Path out) throws Exception {
    new ChartGenerator()
        .generate(
            new GenerateRequest(out, TestPaths.chartTemplates(), null, null, "1.0.0", null),
            BuildLog.SILENT);
    return out;
  }

  /** The objects of a multi-document YAML text (empty documents left out). */
  public static List<JsonNode> documents(String text) throws Exception {
    List<JsonNode> documents = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(text)) {
      var iterator = YAML.readValues(parser, JsonNode.class);
      while (iterator.hasNext()) {
        JsonNode node = iterator.next();
        if (node != null && node.isObject()) {
          documents.add(node);
        }
      }
    }
    return documents;
  }
}
