package io.github.kvchart.aibrix.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kvchart.aibrix.core.Json;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.validate.RuleRegistry;
import io.github.kvchart.aibrix.core.validate.ValidationResult;
import java.util.TreeMap;

/** validation.sarif: SARIF 2.1.0 for code scanning, one result per violation, rules listed once. */
public final class SarifReport {

  private SarifReport() {}

  public static String render(ValidationResult result) {
    ObjectNode root = Json.object();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "aibrix-chart-maven-plugin");
    driver.put("informationUri", "https://github.com/kvchart/aibrix-chart-maven-plugin");
    TreeMap<String, Violation> rules = new TreeMap<>();
    result.violations().forEach(v -> rules.putIfAbsent(v.rule(), v));
    ArrayNode ruleArray = driver.putArray("rules");
    for (String rule : rules.keySet()) {
      ObjectNode entry = ruleArray.addObject();
      entry.put("id", rule);
      var known = RuleRegistry.find(rule);
      entry
          .putObject("shortDescription")
          .put("text", known.map(RuleRegistry.Rule::description).orElse("Rule " + rule + "."));
      boolean error =
          known.map(r -> r.defaultSeverity() == Severity.ERROR).orElse(rules.get(rule).isError());
      entry.putObject("defaultConfiguration").put("level", error ? "error" : "warning");
    }
    ArrayNode results = run.putArray("results");
    for (Violation v : result.violations()) {
      ObjectNode item = results.addObject();
      item.put("ruleId", v.rule());
      item.put("level", v.isError() ? "error" : "warning");
      item.putObject("message")
          .put("text", v.fix().isEmpty() ? v.message() : v.message() + " Fix: " + v.fix());
      ObjectNode physical = item.putArray("locations").addObject().putObject("physicalLocation");
      physical.putObject("artifactLocation").put("uri", v.file().replace(" ", "%20"));
      if (v.line() > 0) {
        ObjectNode region = physical.putObject("region").put("startLine", v.line());
        if (v.column() > 0) {
          region.put("startColumn", v.column());
        }
      }
      if (!v.pointer().isEmpty()) {
        item.putObject("properties")
            .put("jsonPointer", v.pointer())
            .put("kind", v.kind())
            .put("name", v.name());
      }
    }
    return Json.pretty(root) + "\n";
  }
}
