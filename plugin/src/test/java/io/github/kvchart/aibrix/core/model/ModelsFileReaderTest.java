package io.github.kvchart.aibrix.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.contract.KvContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The models file: built-in defaults, inheritance, and every rejection with file, line and fix. */
class ModelsFileReaderTest {
  @TempDir Path temp;

  private final ModelsFileReader reader = new ModelsFileReader(KvContract.builtIn());

  private FleetSpec read(String yaml) throws InvalidInputException, java.io.IOException {
    Path file = temp.resolve("models.yaml");
    Files.writeString(file, yaml);
    return reader.read(file, "models.yaml");
  }

  private InvalidInputException reject(String yaml) {
    return assertThrows(InvalidInputException.class, () -> read(yaml));
  }

  @Test
  void builtInModelsAreTheDesignsTwoExamples() {
    FleetSpec fleet = reader.readBuiltIn();
    assertEquals(2, fleet.models().size());
    ModelSpec deepseek = fleet.models().get(0);
    assertEquals("deepseek-r1-distill-llama-8b", deepseek.name());
    assertEquals(ConfigMode.ARGS, deepseek.configMode());
    ModelSpec llama = fleet.models().get(1);
    assertEquals("llama-8b-instruct", llama.name());
    assertEquals(ConfigMode.ENV, llama.configMode());
    assertEquals(2, llama.replicas());
    assertTrue(llama.kvEvents().enabled());
    assertEquals(5558L, llama.kvEvents().replayPort());
  }

  @Test
  void modelsInheritDefaultsAndOverrideThem() throws Exception {
    FleetSpec fleet =
        read(
            "defaults:\n  gpus: 2\n  kvEvents:\n    bufferSteps: 77\n"
                + "models:\n  - name: a\n    hfModel: org/a\n  - name: b\n    hfModel: org/b\n    gpus: 4\n");
    assertEquals(2, fleet.models().get(0).gpus());
    assertEquals(4, fleet.models().get(1).gpus());
    assertEquals(77, fleet.models().get(1).kvEvents().bufferSteps());
    assertNull(fleet.chartVersion());
    assertEquals("default", fleet.namespace());
  }

  @Test
  void unknownKeyNamesLineAndSuggestion() {
    InvalidInputException e = reject("models:\n  - name: a\n    hfModel: org/a\n    replicaz: 2\n");
    assertEquals("models.yaml", e.location().file());
    assertEquals(4, e.location().line());
    assertTrue(e.getMessage().contains("unknown key 'models[0].replicaz'"), e.getMessage());
    assertTrue(e.fix().contains("Did you mean 'replicas'"), e.fix());
  }

  @Test
  void syntaxErrorNamesLineAndColumn() {
    InvalidInputException e = reject("models:\n  - name: a\n   hfModel: [unclosed\n");
    assertTrue(e.location().line() >= 2, e.getMessage());
    assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
  }

  @Test
  void duplicateKeyIsAnError() {
    InvalidInputException e = reject("models:\n  - name: a\n    hfModel: x/y\n    name: b\n");
    assertEquals(4, e.location().line());
    assertTrue(e.getMessage().contains("duplicate key"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      ignoreLeadingAndTrailingWhitespace = false,
      value = {
        "bad name|  - name: Bad_Name\\n    hfModel: o/m|2|not a valid DNS-1123 name",
        "digit first|  - name: 8b\\n    hfModel: o/m|2|not a valid DNS-1123 name",
        "no hfModel|  - name: a|2|needs an 'hfModel'",
        "old image|  - name: a\\n    hfModel: o/m\\n    image: vllm/vllm-openai:v0.7.1|4|predates KV-cache events",
        "bad image|  - name: a\\n    hfModel: o/m\\n    image: 'UPPER CASE'|4|not a valid image reference",
        "replicas text|  - name: a\\n    hfModel: o/m\\n    replicas: two|4|must be a whole number",
        "port range|  - name: a\\n    hfModel: o/m\\n    servingPort: 70000|4|between 1 and 65535",
        "lora port|  - name: a\\n    hfModel: o/m\\n    servingPort: 8080\\n    lora:\\n      enabled: true|4|enables LoRA adapters",
        "mode|  - name: a\\n    hfModel: o/m\\n    configMode: yaml|4|not args or env",
        "publisher|  - name: a\\n    hfModel: o/m\\n    kvEvents:\\n      publisherType: kafka|5|publishes nothing",
        "event port|  - name: a\\n    hfModel: o/m\\n    kvEvents:\\n      eventPort: 6000|5|is not 5557",
        "replay port|  - name: a\\n    hfModel: o/m\\n    kvEvents:\\n      replayPort: 5559|5|is not 5558",
        "buffer|  - name: a\\n    hfModel: o/m\\n    kvEvents:\\n      bufferSteps: 0|5|between 1 and",
        "aibrix too old|  - name: a\\n    hfModel: o/m\\n    aibrixVersion: v0.3.0|4|need AIBrix v0.4.0",
        "aibrix cannot decode|  - name: a\\n    hfModel: o/m\\n    aibrixVersion: v0.5.0|4|cannot decode the KV events vLLM sends",
        "strategy|  - name: a\\n    hfModel: o/m\\n    autoscaling:\\n      scalingStrategy: FAST|5|not HPA, KPA or APA",
        "min max|  - name: a\\n    hfModel: o/m\\n    autoscaling:\\n      minReplicas: 5\\n      maxReplicas: 2|6|below minReplicas",
        "duplicate model|  - name: a\\n    hfModel: o/m\\n  - name: a\\n    hfModel: o/n|4|used twice",
        "enabled text|  - name: a\\n    hfModel: o/m\\n    kvEvents:\\n      enabled: yes|5|true or false",
        "unknown probe|  - name: a\\n    hfModel: o/m\\n    probes:\\n      warmup: {}|5|not a probe of the chart",
        "probe not a map|  - name: a\\n    hfModel: o/m\\n    probes:\\n      liveness: 5|5|must be a mapping",
        "strategy list|  - name: a\\n    hfModel: o/m\\n    strategy: [RollingUpdate]|4|must be a mapping",
        "tolerations map|  - name: a\\n    hfModel: o/m\\n    tolerations: {key: gpu}|4|must be a list of mappings",
        "affinity yes|  - name: a\\n    hfModel: o/m\\n    affinity:\\n      x: on|5|kubectl reads as a boolean",
        "priority class|  - name: a\\n    hfModel: o/m\\n    priorityClassName: High_Prio|4|not a valid object name",
        "grace period|  - name: a\\n    hfModel: o/m\\n    terminationGracePeriodSeconds: -1|4|between 0 and",
        "label key|  - name: a\\n    hfModel: o/m\\n    commonLabels:\\n      'bad key!': x|5|not a label key",
        "label value|  - name: a\\n    hfModel: o/m\\n    podLabels:\\n      team: 'a b'|5|not a label value",
        "reserved label|  - name: a\\n    hfModel: o/m\\n    podLabels:\\n      model.aibrix.ai/name: b|5|the plugin sets itself",
        "service type|  - name: a\\n    hfModel: o/m\\n    service:\\n      type: Ingress|5|not ClusterIP, NodePort",
        "pdb both|  - name: a\\n    hfModel: o/m\\n    podDisruptionBudget:\\n      minAvailable: 1\\n      maxUnavailable: 1|6|the API takes one",
        "pdb value|  - name: a\\n    hfModel: o/m\\n    podDisruptionBudget:\\n      minAvailable: half|5|not a count or a percentage",
        "monitor interval|  - name: a\\n    hfModel: o/m\\n    metrics:\\n      podMonitor:\\n        interval: 30 seconds|6|not a Prometheus duration",
        "monitor key|  - name: a\\n    hfModel: o/m\\n    metrics:\\n      serviceMonitor: {}|5|unknown key",
        "shm size|  - name: a\\n    hfModel: o/m\\n    shm:\\n      sizeLimit: lots|5|not a Kubernetes quantity",
      })
  void rejectsWithLineAndFix(String label, String models, int line, String message) {
    InvalidInputException e = reject("models:\n" + models.replace("\\n", "\n") + "\n");
    assertEquals(line, e.location().line(), label + ": " + e.getMessage());
    assertTrue(e.getMessage().contains(message), label + ": " + e.getMessage());
    assertTrue(e.fix() != null && !e.fix().isEmpty(), label + " has a fix");
  }

  @Test
  void emptyAndMissingFilesAreClearErrors() throws Exception {
    assertTrue(reject("").getMessage().contains("is empty"));
    assertTrue(reject("models: []\n").getMessage().contains("lists no models"));
    assertTrue(reject("- a\n- b\n").getMessage().contains("must be a mapping"));
    InvalidInputException missing =
        assertThrows(
            InvalidInputException.class, () -> reader.read(temp.resolve("nope.yaml"), "nope.yaml"));
    assertTrue(missing.getMessage().contains("does not exist"));
  }

  @Test
  void invalidUtf8IsAClearError() throws Exception {
    Path file = temp.resolve("binary.yaml");
    Files.write(file, new byte[] {'m', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> reader.read(file, "binary.yaml"));
    assertTrue(e.getMessage().contains("not valid UTF-8"));
  }

  @Test
  void aliasBombHitsTheLimit() {
    StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      char prev = (char) (c - 1);
      bomb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        bomb.append(i == 0 ? "" : ", ").append('*').append(prev);
      }
      bomb.append("]\n");
    }
    InvalidInputException e = reject(bomb.toString());
    assertTrue(e.getMessage().contains("cannot be read as YAML"), e.getMessage());
  }

  @Test
  void deepNestingHitsTheLimit() {
    InvalidInputException e = reject("models: " + "[".repeat(5000) + "]".repeat(5000) + "\n");
    assertTrue(e.getMessage().contains("YAML"), e.getMessage());
  }

  @Test
  void chartVersionMustBeSemVer() {
    InvalidInputException e =
        reject("chart:\n  version: '1.0'\nmodels:\n  - name: a\n    hfModel: o/m\n");
    assertEquals(2, e.location().line());
    assertTrue(e.getMessage().contains("not a SemVer 2 version"));
  }
}
