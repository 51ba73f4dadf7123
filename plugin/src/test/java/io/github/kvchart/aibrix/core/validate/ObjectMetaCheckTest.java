package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kvchart.aibrix.core.manifest.Violation;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Label and annotation syntax as the API server checks it, compared with the regular expressions of
 * kubernetes' apimachinery (content/kube.go, util/validation/validation.go) on random words.
 */
class ObjectMetaCheckTest {
  @TempDir Path temp;

  private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern VALUE =
      Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /** IsQualifiedName, as apimachinery writes it. */
  private static boolean qualified(String key) {
    String[] parts = key.split("/", -1);
    if (parts.length > 2) {
      return false;
    }
    String name = parts[parts.length - 1];
    if (parts.length == 2
        && (parts[0].isEmpty()
            || parts[0].length() > 253
            || !SUBDOMAIN.matcher(parts[0]).matches())) {
      return false;
    }
    return !name.isEmpty() && name.length() <= 63 && NAME.matcher(name).matches();
  }

  @Test
  void keysAndValuesAgreeWithTheApiServersExpressions() {
    Random random = new Random(7);
    String alphabet = "abcXYZ019-_./ :~é";
    for (int n = 0; n < 200_000; n++) {
      StringBuilder word = new StringBuilder();
      int length = random.nextInt(n % 10 == 0 ? 80 : 8);
      for (int i = 0; i < length; i++) {
        word.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String text = word.toString();
      assertEquals(qualified(text), ObjectMetaCheck.keyProblem(text) == null, text);
      assertEquals(
          text.length() <= 63 && VALUE.matcher(text).matches(),
          ObjectMetaCheck.valueProblem(text) == null,
          text);
    }
  }

  @Test
  void edgeLengths() {
    assertEquals(null, ObjectMetaCheck.valueProblem("a".repeat(63)));
    assertEquals(false, ObjectMetaCheck.valueProblem("a".repeat(64)) == null);
    assertEquals(null, ObjectMetaCheck.keyProblem("a".repeat(253) + "/" + "b".repeat(63)));
    assertEquals(false, ObjectMetaCheck.keyProblem("a".repeat(254) + "/b") == null);
    assertEquals(false, ObjectMetaCheck.keyProblem("A.com/b") == null);
    assertEquals(false, ObjectMetaCheck.keyProblem("/b") == null);
  }

  private List<String> rules(String yaml) throws Exception {
    return Fixtures.validate(temp, yaml, "1.32").stream().map(Violation::rule).toList();
  }

  @Test
  void annotationsMayTotal256KiB() throws Exception {
    String configMap =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    a: '%s'\n";
    assertEquals(List.of(), rules(configMap.formatted("x".repeat(256 * 1024 - 1))));
    assertEquals(List.of("object-meta"), rules(configMap.formatted("x".repeat(256 * 1024))));
  }

  @Test
  void customResourcesHaveTheirOwnMetadataCheckedButNotTheirPodTemplates() throws Exception {
    String podSet =
        """
        apiVersion: orchestration.aibrix.ai/v1alpha1
        kind: PodSet
        metadata: {name: p, labels: {%s}}
        spec:
          podGroupSize: 2
          template:
            metadata:
              labels: {bad: a/b}
            spec:
              containers: [{name: c, image: nginx}]
        """;
    assertEquals(List.of(), rules(podSet.formatted("ok: x")));
    assertEquals(List.of("object-meta"), rules(podSet.formatted("bad: a/b")));
  }
}
