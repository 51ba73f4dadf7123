package io.github.kvchart.aibrix.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kvchart.aibrix.core.Json;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.manifest.ViolationJson;
import io.github.kvchart.aibrix.core.validate.ValidationResult;

/** validation.json: a summary and every violation, in report order. */
public final class JsonReport {
  private JsonReport() {}

  public static String render(ValidationResult result) {
    ObjectNode root = Json.object();
    ObjectNode summary = root.putObject("summary");
    summary.put("files", result.files().size());
    summary.put("documents", result.documents().size());
    summary.put("errors", result.errors());
    summary.put("warnings", result.warnings());
    ArrayNode violations = root.putArray("violations");
    for (Violation v : result.violations()) {
      ViolationJson.write(violations.addObject(), v);
    }
    return Json.pretty(root) + "\n";
  }
}
