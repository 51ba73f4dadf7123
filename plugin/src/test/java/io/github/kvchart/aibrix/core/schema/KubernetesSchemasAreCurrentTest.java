package io.github.kvchart.aibrix.core.schema;

import io.github.kvchart.aibrix.GoldenFiles;
import io.github.kvchart.aibrix.TestPaths;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The schemas in schemas/kubernetes/ are exactly what the project's generator makes from the pinned
 * client-java-api. Regenerate with: ./mvnw -pl plugin test -Daibrix.updateGolden=true
 */
class KubernetesSchemasAreCurrentTest {
  @Test
  void committedSchemasAreCurrent() throws Exception {
    Map<String, String> files = KubernetesSchemaGenerator.generateAll();
    Path dir =
        TestPaths.repoRoot()
            .resolve("schemas/kubernetes/v" + KubernetesSchemaGenerator.KUBERNETES_VERSION);
    GoldenFiles.assertMatches(files, dir::resolve, dir);
  }
}
