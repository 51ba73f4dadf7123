package io.github.kvchart.aibrix.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.image.Version;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.validate.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The routing strategies AIBrix's gateway registers, per release (Register calls in
 * pkg/plugins/gateway/algorithms, v0.4.0 to v0.7.0), and from v0.7.0 weighted items as
 * ParseMultiRouterConfig reads them; a strategy outside them is answered 400.
 */
class RoutingStrategiesTest {
  @TempDir Path temp;

  private static final KvContract.Aibrix AIBRIX = KvContract.builtIn().aibrix();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "random|v0.4.0",
        "prefix-cache|v0.5.0",
        "slo-least-load-pulling|v0.4.1",
        "session-affinity|v0.6.0",
        "power-of-two|v0.7.0",
        "prefix-cache:2,least-request:1|v0.7.0",
        " least-request : 3 , random|v0.7.0",
        "pd:1,random:0|v0.7.0"
      })
  void taken(String strategy, String release) {
    assertNull(AIBRIX.strategyProblem(strategy, Version.parse(release)), strategy);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "prefix_cache|v0.7.0",
        "Random|v0.7.0",
        "session-affinity|v0.5.0",
        "power-of-two|v0.6.0",
        "prefix-cache:2,least-request:1|v0.6.0",
        "' random'|v0.6.0",
        "prefix-cache:high|v0.7.0",
        "random:0|v0.7.0",
        "random:2000000|v0.7.0",
        "random,,pd|v0.7.0",
        "random:1:2|v0.7.0"
      })
  void refused(String strategy, String release) {
    assertNotNull(AIBRIX.strategyProblem(strategy, Version.parse(release)), strategy);
  }

  @Test
  void theNewestReleaseIsJudgedWhenNoneIsNamed() {
    assertNull(AIBRIX.strategyProblem("power-of-two", null));
    assertNotNull(AIBRIX.strategyProblem("least-requests", null));
  }

  @Test
  void theGatewaysRoutingAlgorithm() throws Exception {
    List<Violation> found =
        Fixtures.validate(
                temp,
                GatewayFixture.deployment("{name: ROUTING_ALGORITHM, value: least-requests}"),
                "1.33")
            .stream()
            .filter(v -> v.rule().equals("gateway-env"))
            .toList();
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).message().contains("'least-requests' is not a routing strategy"));
    assertEquals(
        List.of(),
        Fixtures.validate(
                temp,
                GatewayFixture.deployment("{name: ROUTING_ALGORITHM, value: least-request}"),
                "1.33")
            .stream()
            .filter(v -> v.rule().equals("gateway-env"))
            .toList());
  }

  @Test
  void aProfilesStrategy() throws Exception {
    String pod =
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: llama
          labels: {model.aibrix.ai/name: llama}
          annotations:
            model.aibrix.ai/config: '{"profiles": {"default": {"routingStrategy": "%s"}}}'
        spec:
          containers: [{name: vllm, image: vllm/vllm-openai:v0.11.0}]
        """;
    List<Violation> found =
        Fixtures.validate(temp, pod.formatted("prefix_cache"), "1.33").stream()
            .filter(v -> v.rule().equals("model-config-profile"))
            .toList();
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).message().contains("400"), found.get(0).message());
    assertEquals(
        List.of(),
        Fixtures.validate(temp, pod.formatted("prefix-cache"), "1.33").stream()
            .filter(v -> v.rule().equals("model-config-profile"))
            .toList());
  }
}
