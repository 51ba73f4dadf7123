package io.github.kvchart.aibrix.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.image.ImageReference;
import io.github.kvchart.aibrix.core.image.Version;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Image references and the vLLM release their tag names. */
class ImageReferenceTest {

  @ParameterizedTest
  @CsvSource({
    "vllm/vllm-openai:v0.11.0, v0.11.0",
    "vllm/vllm-openai:0.9.2, v0.9.2",
    "registry.local:5000/team/vllm-openai:v0.10.1.1, v0.10.1.1",
    "vllm/vllm-openai:v0.9.0-cu128, v0.9.0",
    "ghcr.io/org/vllm:v0.7.1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, v0.7.1",
  })
  void readsTheRelease(String image, String release) {
    assertEquals(Version.parse(release), ImageReference.parse(image).version().orElseThrow());
  }

  @ParameterizedTest
  @CsvSource({
    "vllm/vllm-openai:latest",
    "vllm/vllm-openai",
    "vllm/vllm-openai@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    "vllm/vllm-openai:nightly",
  })
  void unverifiableImagesHaveNoRelease(String image) {
    assertTrue(ImageReference.parse(image).version().isEmpty());
  }

  @ParameterizedTest
  @CsvSource({"'UPPER/Case'", "'has space:v1'", "':v1'"})
  void rejectsInvalidReferences(String image) {
    assertNull(ImageReference.parse(image));
  }

  @ParameterizedTest
  @CsvSource({"0.10.1.1, 0.9.0, 1", "0.9, 0.9.0, 0", "0.8.5, 0.9.0, -1", "1.0.0, 0.99.9, 1"})
  void versionsCompareNumerically(String a, String b, int sign) {
    assertEquals(sign, Integer.signum(Version.parse(a).compareTo(Version.parse(b))));
    if (sign == 0) {
      assertEquals(Version.parse(a).hashCode(), Version.parse(b).hashCode());
    }
  }
}
