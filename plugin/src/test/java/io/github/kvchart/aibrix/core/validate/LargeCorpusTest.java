package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kvchart.aibrix.core.BuildLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of 1,200 documents in 100 files (one typo in every tenth file) validates completely and
 * deterministically, with every violation found. The time is logged for information only; speed is
 * measured in the benchmark profile, never asserted here.
 */
class LargeCorpusTest {
  @TempDir Path temp;

  @Test
  void validatesTwelveHundredDocuments() throws Exception {
    for (int f = 0; f < 100; f++) {
      StringBuilder text = new StringBuilder();
      for (int d = 0; d < 4; d++) {
        String name = "m-" + f + "-" + d;
        text.append("---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ")
            .append(name)
            .append("\nspec:\n  ")
            .append(f % 10 == 0 && d == 0 ? "replicaz" : "replicas")
            .append(": 2\n")
            .append("  selector:\n    matchLabels: {app: ")
            .append(name)
            .append("}\n  template:\n")
            .append("    metadata:\n      labels: {app: ")
            .append(name)
            .append("}\n    spec:\n")
            .append("      containers:\n        - name: c\n          image: nginx:1.27\n")
            .append("          ports: [{containerPort: 80}]\n")
            .append("---\napiVersion: v1\nkind: Service\nmetadata: {name: ")
            .append(name)
            .append("}\nspec:\n  selector: {app: ")
            .append(name)
            .append("}\n  ports: [{port: 80, targetPort: 80}]\n")
            .append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: ")
            .append(name)
            .append("}\ndata: {key: value}\n");
      }
      Files.writeString(temp.resolve(String.format("f%03d.yaml", f)), text.toString());
    }
    ValidateRequest request =
        new ValidateRequest(temp, List.of(temp), List.of(), List.of(), "1.32", List.of(), 2);
    ValidationResult first = new ManifestValidator().validate(request, BuildLog.SILENT);
    ValidationResult second = new ManifestValidator().validate(request, BuildLog.SILENT);
    assertEquals(1200, first.documents().size());
    assertEquals(10, first.errors());
    assertEquals(first.violations(), second.violations());
    System.out.printf(
        "LargeCorpusTest: %d documents in %d ms (%.0f documents/s, 2 threads, second run)%n",
        second.documents().size(),
        second.millis(),
        second.documents().size() * 1000.0 / Math.max(1, second.millis()));
  }
}
