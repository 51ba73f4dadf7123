package io.github.kvchart.aibrix.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.contract.rules.ContractChecker;
import io.github.kvchart.aibrix.core.image.Version;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.validate.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * model-config-profile: the model.aibrix.ai/config annotation decoded as AIBrix's gateway decodes
 * it (Go's encoding/json into ModelConfigProfiles, v0.6.0 and v0.7.0).
 */
class ModelConfigProfileTest {
  @TempDir Path temp;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"profiles\": {\"default\": {\"routingStrategy\": \"prefix-cache\"}}}",
        "{\"defaultProfile\": \"fast\", \"profiles\": {\"fast\": {\"routingStrategy\": \"random\","
            + " \"requestsPerSecond\": 20, \"routingConfig\": {\"a\": [1]}}}}",
        // Go matches a field name in any case
        "{\"Profiles\": {\"default\": {\"RoutingStrategy\": \"random\"}}}",
        "  {\"profiles\": {\"default\": null}}  ",
        ""
      })
  void whatTheGatewayTakes(String text) {
    assertEquals(List.of(), ModelConfigProfiles.problems(text), text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{profiles: {}}",
        "{\"profiles\": {\"default\": {}}} trailing",
        "{\"profiles\": {\"default\": {},}}",
        "[\"default\"]",
        "null",
        "{\"profiles\": {}}",
        "{\"defaultProfile\": \"default\"}",
        "{\"defaultProfile\": 1, \"profiles\": {\"default\": {}}}",
        "{\"profiles\": [\"default\"]}",
        "{\"profiles\": {\"default\": {\"routingStrategy\": [\"random\"]}}}",
        "{\"profiles\": {\"default\": {\"requestsPerSecond\": 1.5}}}",
        "{\"profiles\": {\"default\": {\"requestsPerSecond\": \"20\"}}}"
      })
  void whatTheGatewayDrops(String text) {
    List<ModelConfigProfiles.Problem> problems = ModelConfigProfiles.problems(text);
    assertEquals(1, problems.size(), text + " " + problems);
    assertTrue(problems.get(0).unusable(), text);
    assertFalse(ModelConfigProfiles.givesDefaultStrategy(text), text);
  }

  @Test
  void aDefaultNoProfileHasAndKeysTheGatewayIgnores() {
    List<ModelConfigProfiles.Problem> noDefault =
        ModelConfigProfiles.problems(
            "{\"profiles\": {\"fast\": {\"routingStrategy\": \"random\"}}}");
    assertEquals(1, noDefault.size());
    assertTrue(noDefault.get(0).noDefault() && !noDefault.get(0).unusable());
    List<ModelConfigProfiles.Problem> ignored =
        ModelConfigProfiles.problems(
            "{\"profiles\": {\"default\": {\"routing_strategy\": \"random\"}}, \"default\": 1}");
    assertEquals(2, ignored.size(), ignored.toString());
    assertTrue(ignored.stream().noneMatch(ModelConfigProfiles.Problem::noDefault));
    assertTrue(ignored.get(1).message().contains("routing_strategy"), ignored.toString());
    assertFalse(
        ModelConfigProfiles.givesDefaultStrategy(
            "{\"profiles\": {\"default\": {\"routing_strategy\": \"random\"}}}"));
  }

  private static final String POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: llama
        labels: {model.aibrix.ai/name: llama}
        annotations:
          model.aibrix.ai/config: '%s'
      spec:
        containers: [{name: vllm, image: vllm/vllm-openai:v0.11.0}]
      """;

  @Test
  void theRuleReportsAtTheAnnotation() throws Exception {
    List<Violation> found =
        Fixtures.validate(temp, POD.formatted("{\"profiles\": {}}"), "1.33").stream()
            .filter(v -> v.rule().equals("model-config-profile"))
            .toList();
    assertEquals(1, found.size(), found.toString());
    assertEquals("/metadata/annotations/model.aibrix.ai~1config", found.get(0).pointer());
    assertTrue(found.get(0).message().contains("drops the annotation"), found.get(0).message());
    assertEquals(
        List.of(),
        Fixtures.validate(
                temp,
                POD.formatted("{\"profiles\": {\"default\": {\"routingStrategy\": \"random\"}}}"),
                "1.33")
            .stream()
            .filter(v -> v.rule().equals("model-config-profile"))
            .toList());
  }

  @Test
  void anAibrixBeforeV060ReadsNoProfiles() throws Exception {
    ManifestDocument pod =
        new io.github.kvchart.aibrix.core.validate.ManifestParser()
            .parse(
                "pod.yaml",
                POD.formatted("{\"profiles\": {\"default\": {\"routingStrategy\": \"random\"}}}"))
            .documents()
            .get(0);
    var rule =
        ContractChecker.rules(Version.parse("v0.5.0")).stream()
            .filter(r -> r.id().equals("model-config-profile"))
            .findFirst()
            .orElseThrow();
    List<Violation> old =
        rule.check(new ManifestSet(List.of(pod)), KvContract.builtIn(), Severity.ERROR);
    assertEquals(1, old.size(), old.toString());
    assertEquals(Severity.WARNING, old.get(0).severity());
    var current =
        ContractChecker.rules(Version.parse("v0.6.0")).stream()
            .filter(r -> r.id().equals("model-config-profile"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        List.of(),
        current.check(new ManifestSet(List.of(pod)), KvContract.builtIn(), Severity.ERROR));
  }
}
