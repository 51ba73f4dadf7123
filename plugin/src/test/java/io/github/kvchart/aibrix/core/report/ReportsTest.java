package io.github.kvchart.aibrix.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.github.kvchart.aibrix.TestPaths;
import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.validate.ManifestValidator;
import io.github.kvchart.aibrix.core.validate.ValidateRequest;
import io.github.kvchart.aibrix.core.validate.ValidationResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The three reports over the rule fixtures: JUnit XML loads in the JDK's XML parser with the right
 * counts, validation.json has the documented shape, validation.sarif validates against the official
 * SARIF 2.1.0 schema (.ci/run fetches it from the npm registry), and all are deterministic.
 */
class ReportsTest {
  @TempDir static Path temp;
  static ValidationResult result;
  static List<Path> written;

  @BeforeAll
  static void validateFixtures() throws Exception {
    Path fixtures = TestPaths.repoRoot().resolve("plugin/src/test/resources/validate/rules");
    result =
        new ManifestValidator()
            .validate(
                new ValidateRequest(
                    fixtures, List.of(fixtures), List.of(), List.of(), "1.32", List.of(), 2),
                BuildLog.SILENT);
    written = ReportFiles.write(temp.resolve("reports"), result);
  }

  @Test
  void junitXmlLoadsAndCountsFailures() throws Exception {
    Document xml =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(temp.resolve("reports/" + ReportFiles.JUNIT).toFile());
    Element suite = xml.getDocumentElement();
    assertEquals("testsuite", suite.getTagName());
    assertEquals(String.valueOf(result.errors()), suite.getAttribute("failures"));
    NodeList failures = xml.getElementsByTagName("failure");
    assertEquals(result.errors(), failures.getLength());
    int cases = xml.getElementsByTagName("testcase").getLength();
    assertEquals(String.valueOf(cases), suite.getAttribute("tests"));
    assertTrue(cases >= result.documents().size());
  }

  @Test
  void jsonReportHasTheDocumentedShape() throws Exception {
    JsonNode json =
        new ObjectMapper().readTree(temp.resolve("reports/" + ReportFiles.JSON).toFile());
    assertEquals(result.errors(), json.at("/summary/errors").asLong());
    assertEquals(result.warnings(), json.at("/summary/warnings").asLong());
    assertEquals(result.files().size(), json.at("/summary/files").asInt());
    assertEquals(result.documents().size(), json.at("/summary/documents").asInt());
    JsonNode first = json.at("/violations/0");
    for (String field :
        List.of(
            "file",
            "line",
            "column",
            "document",
            "kind",
            "name",
            "pointer",
            "rule",
            "severity",
            "message",
            "fix")) {
      assertTrue(first.has(field), field);
    }
    assertEquals(result.violations().size(), json.get("violations").size());
  }

  @Test
  void sarifValidatesAgainstTheSarif210Schema() throws Exception {
    String schemaPath = System.getenv("AIBRIX_SARIF_SCHEMA");
    if (System.getenv("CI") != null) {
      assertNotNull(schemaPath, "CI must provide AIBRIX_SARIF_SCHEMA (see .ci/run)");
    }
    assumeTrue(
        schemaPath != null && Files.isRegularFile(Path.of(schemaPath)),
        "set AIBRIX_SARIF_SCHEMA to the official SARIF 2.1.0 schema file");
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
            .getSchema(new ByteArrayInputStream(Files.readAllBytes(Path.of(schemaPath))));
    JsonNode sarif =
        new ObjectMapper().readTree(temp.resolve("reports/" + ReportFiles.SARIF).toFile());
    assertEquals(List.of(), schema.validate(sarif));
    assertEquals(result.violations().size(), sarif.at("/runs/0/results").size());
  }

  @Test
  void reportsAreDeterministic() throws Exception {
    for (String name : List.of(ReportFiles.JSON, ReportFiles.SARIF)) {
      assertEquals(
          Files.readString(temp.resolve("reports/" + name)),
          name.equals(ReportFiles.JSON) ? JsonReport.render(result) : SarifReport.render(result));
    }
    String xml = JunitXmlReport.render(result);
    assertEquals(xml, new String(xml.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    assertEquals(3, written.size());
  }
}
