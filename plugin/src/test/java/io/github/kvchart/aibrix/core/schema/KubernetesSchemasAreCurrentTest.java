package io.github.kvchart.aibrix.core.schema;

import io.github.kvchart.aibrix.GoldenFiles;
import io.github.kvchart.aibrix.TestPaths;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The schemas in schemas/kubernetes/ are exactly what the project's generator makes from
 * client-java-api 20 to 27 (Kubernetes 1.28 and 1.30 to 1.36), which the build copies to
 * target/kubernetes-api. Regenerate with: ./mvnw -pl plugin test -Daibrix.updateGolden=true
 */
class KubernetesSchemasAreCurrentTest {
  @Test
  void committedSchemasAreCurrent() throws Exception {
    Map<String, String> files =
        KubernetesSchemaGenerator.generateAll(Path.of(System.getProperty("aibrix.kubernetesApi")));
    Path dir = TestPaths.repoRoot().resolve("schemas/kubernetes");
    GoldenFiles.assertMatches(files, dir::resolve, dir);
  }
}
