package io.github.kvchart.aibrix.core.contract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The port of AIBRIX_VLLM_TOKENIZER_ENDPOINT_TEMPLATE, a format with one %s for the pod IP. */
class KvTokenizerTemplateTest {
  @Test
  void thePortFollowsThePodsPlace() {
    assertEquals(8080, KvTokenizerRule.templatePort("http://%s:8080"));
    assertEquals(8080, KvTokenizerRule.templatePort("http://%s:8080/v1"));
    assertEquals(-1, KvTokenizerRule.templatePort("http://%s"));
    assertEquals(-1, KvTokenizerRule.templatePort("http://%s:/x"));
    assertEquals(-1, KvTokenizerRule.templatePort("http://vllm:8080"));
    assertEquals(-1, KvTokenizerRule.templatePort(null));
  }
}
