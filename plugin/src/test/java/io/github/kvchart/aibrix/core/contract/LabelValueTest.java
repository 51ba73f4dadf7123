package io.github.kvchart.aibrix.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.contract.rules.ContractChecker;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.validate.ManifestParser;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The gateway wants the label value to be exactly the string "true". */
class LabelValueTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"'\"true\"'|0", "true|1", "'\"True\"'|1", "'\"yes\"'|1"})
  void onlyTheStringTrueSubscribes(String value, int expected) {
    String yaml =
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    model.aibrix.ai/name: m\n"
            + "    model.aibrix.ai/kv-events-enabled: "
            + value
            + "\nspec:\n  containers:\n    - name: c\n      image: vllm/vllm-openai:v0.11.0\n"
            + "      command: [vllm, serve]\n      args: [org/m, --served-model-name, m, --kv-events-config,"
            + " '{\"enable_kv_cache_events\":true,\"publisher\":\"zmq\",\"replay_endpoint\":\"tcp://*:5558\"}']\n"
            + "      ports: [{containerPort: 5557}, {containerPort: 5558}]\n";
    var documents = new ManifestParser().parse("p.yaml", yaml).documents();
    List<Violation> violations =
        new ContractChecker(KvContract.builtIn(), RuleSettings.none(), null).check(documents);
    List<Violation> labels =
        violations.stream().filter(v -> v.rule().equals("kv-label-missing")).toList();
    assertEquals(expected, labels.size(), violations.toString());
    if (expected > 0) {
      assertTrue(
          labels.get(0).message().contains("exactly the string \"true\""), labels.toString());
    }
  }
}
