package io.github.kvchart.aibrix.core.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.TestPaths;
import io.github.kvchart.aibrix.core.BuildLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guide names only files that were generated, and a serving port other than 8000 reaches the
 * gateway's tokenizer setting, for fleets of each shape.
 */
class GuideNamesGeneratedFilesTest {
  private static final Pattern FILE =
      Pattern.compile("(samples|migration|helm)/[A-Za-z0-9_./-]+\\.(yaml|sh)");

  @TempDir Path temp;

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "models:\n  - {name: a, hfModel: org/a, configMode: env}\n",
        "models:\n  - {name: a, hfModel: org/a}\n",
        "models:\n  - {name: a, hfModel: org/a, kvEvents: {enabled: false}}\n",
        "models:\n  - {name: a, hfModel: org/a, servingPort: 8080, autoscaling: {enabled: true}}\n",
      })
  void everyFileTheGuideNamesExists(String models) throws Exception {
    Path file = temp.resolve("models.yaml");
    Files.writeString(file, models);
    Path out = temp.resolve("out");
    new ChartGenerator()
        .generate(
            new GenerateRequest(out, TestPaths.chartTemplates(), file, null, "1.0.0", null),
            BuildLog.SILENT);
    String guide = Files.readString(out.resolve("docs/kv-cache-events-guide.md"));
    Matcher matcher = FILE.matcher(guide);
    int named = 0;
    while (matcher.find()) {
      named++;
      assertTrue(Files.exists(out.resolve(matcher.group())), "the guide names " + matcher.group());
    }
    assertTrue(named > 0);
    if (models.contains("configMode: env")) {
      assertFalse(guide.contains("model-with-kv-events.yaml"), guide);
    }
    if (models.contains("8080")) {
      String gateway = Files.readString(out.resolve("samples/gateway/gateway-kv-sync.yaml"));
      assertTrue(
          gateway.contains("AIBRIX_VLLM_TOKENIZER_ENDPOINT_TEMPLATE: 'http://%s:8080'"), gateway);
      String deployment =
          Files.readString(out.resolve("samples/quickstart/model-with-kv-events.yaml"));
      assertFalse(deployment.contains("  replicas:"), "an autoscaled sample sets no replicas");
      assertTrue(deployment.contains("model.aibrix.ai/port: '8080'"), deployment);
    }
  }
}
