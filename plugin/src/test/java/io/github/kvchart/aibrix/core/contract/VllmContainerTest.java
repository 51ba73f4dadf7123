package io.github.kvchart.aibrix.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.validate.ManifestParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading the flag: both flag forms in command and args, both entry points, $(VAR) and valueFrom.
 */
class VllmContainerTest {
  private static KvSubject subject(String container) {
    String yaml =
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {model.aibrix.ai/name: m}}\n"
            + "spec:\n  containers:\n"
            + container;
    var documents = new ManifestParser().parse("p.yaml", yaml).documents();
    List<KvSubject> subjects = KvSubject.of(new ManifestSet(documents), KvContract.builtIn());
    assertEquals(1, subjects.size());
    return subjects.get(0);
  }

  @Test
  void readsEqualsFormInCommandForThePythonEntryPoint() {
    KvSubject s =
        subject(
            "    - name: c\n      image: my/server:1\n      command: [python3, -m, vllm.entrypoints.openai.api_server,"
                + " '--kv-events-config={\"enable_kv_cache_events\":true,\"publisher\":\"zmq\"}']\n");
    assertTrue(s.container().isVllm());
    assertTrue(s.publishes(KvContract.builtIn()));
    assertEquals("/spec/containers/0/command/3", s.configPointer());
  }

  @Test
  void expandsVarsFromEnvAndEscapedDollars() {
    KvSubject s =
        subject(
            "    - name: c\n      image: vllm/vllm-openai:v0.11.0\n      command: [vllm, serve]\n"
                + "      args: [--kv-events-config, '{\"enable_kv_cache_events\":true,\"publisher\":\"$(P)\",\"topic\":\"$$(x)\"}']\n"
                + "      env: [{name: P, value: zmq}]\n");
    assertTrue(s.publishes(KvContract.builtIn()));
    assertEquals("$(x)", s.config().path("topic").asText());
    assertTrue(s.unverifiable().isEmpty());
  }

  @Test
  void valueFromCannotBeVerified() {
    KvSubject s =
        subject(
            "    - name: c\n      image: vllm/vllm-openai:v0.11.0\n      command: [vllm, serve]\n"
                + "      args: [--kv-events-config, '$(CONFIG)']\n"
                + "      env: [{name: CONFIG, valueFrom: {configMapKeyRef: {name: kv, key: config}}}]\n");
    assertEquals(List.of("CONFIG"), s.unverifiable());
    assertNull(s.config());
  }

  @Test
  void designEnvVarsMakeEventsIntendedWithoutAFlag() {
    KvSubject s =
        subject(
            "    - name: c\n      image: vllm/vllm-openai:v0.7.1\n      command: [vllm, serve]\n"
                + "      env: [{name: VLLM_ENABLE_KV_CACHE_EVENTS, value: 'true'}]\n");
    assertTrue(s.intended());
    assertFalse(s.publishes(KvContract.builtIn()));
  }
}
