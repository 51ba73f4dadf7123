package io.github.kvchart.aibrix.core.report;

import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.validate.DocumentSummary;
import io.github.kvchart.aibrix.core.validate.ValidationResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TEST-aibrix-chart.xml in the JUnit XML form CI servers display: one testcase per document (plus
 * one per file that could not be read), a failure per error, warnings in system-out.
 */
public final class JunitXmlReport {
  private JunitXmlReport() {}

  public static String render(ValidationResult result) {
    Map<String, List<Violation>> byCase = new LinkedHashMap<>();
    List<String[]> cases = new ArrayList<>();
    for (DocumentSummary document : result.documents()) {
      String key = document.file() + "#" + document.index();
      byCase.put(key, new ArrayList<>());
      cases.add(new String[] {document.file(), caseName(document), key});
    }
    for (Violation violation : result.violations()) {
      String key = violation.file() + "#" + violation.document();
      if (!byCase.containsKey(key)) {
        byCase.put(key, new ArrayList<>());
        cases.add(
            new String[] {
              violation.file(),
              violation.document() < 0 ? "file" : "document " + violation.document(),
              key
            });
      }
      byCase.get(key).add(violation);
    }
    long failures = result.errors();
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append("<testsuite name=\"aibrix-chart\" tests=\"")
        .append(cases.size())
        .append("\" failures=\"")
        .append(failures)
        .append("\" errors=\"0\" skipped=\"0\" time=\"")
        .append(String.format(java.util.Locale.ROOT, "%.3f", result.millis() / 1000.0))
        .append("\">\n");
    for (String[] testCase : cases) {
      xml.append("  <testcase classname=\"")
          .append(escape(testCase[0]))
          .append("\" name=\"")
          .append(escape(testCase[1]))
          .append("\" time=\"0\"");
      List<Violation> found = byCase.get(testCase[2]);
      if (found.isEmpty()) {
        xml.append("/>\n");
        continue;
      }
      xml.append(">\n");
      StringBuilder warnings = new StringBuilder();
      for (Violation violation : found) {
        if (violation.isError()) {
          xml.append("    <failure type=\"")
              .append(escape(violation.rule()))
              .append("\" message=\"")
              .append(escape(violation.message()))
              .append("\">")
              .append(escape(violation.toConsoleLine()))
              .append("</failure>\n");
        } else {
          warnings.append(violation.toConsoleLine()).append('\n');
        }
      }
      if (warnings.length() > 0) {
        xml.append("    <system-out>")
            .append(escape(warnings.toString()))
            .append("</system-out>\n");
      }
      xml.append("  </testcase>\n");
    }
    return xml.append("</testsuite>\n").toString();
  }

  private static String caseName(DocumentSummary document) {
    String what =
        document.kind().isEmpty()
            ? "document"
            : document.kind() + (document.name().isEmpty() ? "" : "/" + document.name());
    return "document " + document.index() + ": " + what;
  }

  /** XML text and attribute escaping; characters XML 1.0 cannot hold become '?'. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default ->
            out.append(
                c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c == 0xFFFE || c == 0xFFFF
                    ? '?'
                    : c);
      }
    }
    return out.toString();
  }
}
