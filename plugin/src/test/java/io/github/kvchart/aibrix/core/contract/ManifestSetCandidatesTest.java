package io.github.kvchart.aibrix.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.Json;
import io.github.kvchart.aibrix.core.netpol.LabelSelector;
import io.github.kvchart.aibrix.core.validate.ManifestParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The label index finds every pod a selector selects: filtering its candidates gives exactly what
 * filtering every pod gives, for matchLabels, matchExpressions, both, numbers and empty selectors.
 */
class ManifestSetCandidatesTest {
  private static final String PODS =
      String.join(
          "---\n",
          pod("a", "{app: m, tier: kv, version: 1}"),
          pod("b", "{app: m, tier: web}"),
          pod("c", "{app: n, tier: kv, version: \"1\"}"),
          pod("d", "{tier: kv}"),
          pod("e", "{}"));

  private static String pod(String name, String labels) {
    return "apiVersion: v1\nkind: Pod\nmetadata: {name: "
        + name
        + ", labels: "
        + labels
        + "}\nspec: {containers: [{name: c, image: x}]}\n";
  }

  @Test
  void candidatesThenMatchesIsWhatMatchingEveryPodGives() throws Exception {
    ManifestSet set = new ManifestSet(new ManifestParser().parse("p.yaml", PODS).documents());
    List<String> selectors =
        List.of(
            "{}",
            "null",
            "\"text\"",
            "{\"matchLabels\":{\"app\":\"m\"}}",
            "{\"matchLabels\":{\"tier\":\"kv\",\"app\":\"m\"}}",
            "{\"matchLabels\":{\"app\":\"m\",\"tier\":\"kv\"}}",
            "{\"matchLabels\":{\"version\":1}}",
            "{\"matchLabels\":{\"version\":\"1\"}}",
            "{\"matchLabels\":{\"app\":{\"nested\":true}}}",
            "{\"matchLabels\":{\"absent\":\"x\"}}",
            "{\"matchExpressions\":[{\"key\":\"app\",\"operator\":\"NotIn\",\"values\":[\"m\"]}]}",
            "{\"matchLabels\":{\"tier\":\"kv\"},\"matchExpressions\":"
                + "[{\"key\":\"app\",\"operator\":\"Exists\"}]}");
    for (String text : selectors) {
      JsonNode selector = Json.read(text);
      assertEquals(
          names(set.podTemplates(), selector), names(set.candidates(selector), selector), text);
    }
  }

  private static List<String> names(List<PodTemplate> pods, JsonNode selector) {
    return pods.stream()
        .filter(pod -> LabelSelector.matches(selector, pod.labels()))
        .map(pod -> pod.document().name())
        .toList();
  }
}
