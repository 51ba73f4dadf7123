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

  private static final String CONFIG =
      "{\"enable_kv_cache_events\":true,\"publisher\":\"zmq\",\"endpoint\":\"tcp://*:5557\"}";

  @Test
  void readsTheServerCommandOfAShellScript() {
    KvSubject s =
        subject(
            "    - name: c\n      image: my/server:1\n      command: [sh, -c]\n      args:\n"
                + "      - |\n        ray start --head --port=6379\n"
                + "        exec vllm serve m --served-model-name m \\\n"
                + "          --kv-events-config '"
                + CONFIG
                + "' 2>&1 | tee /tmp/log\n");
    assertTrue(s.container().isVllm());
    assertTrue(s.publishes(KvContract.builtIn()));
    assertEquals("/spec/containers/0/args/0", s.configPointer());
    assertEquals("m", s.container().flag("--served-model-name").orElseThrow().value());
    assertEquals(
        List.of("sh", "-c", "vllm", "serve"),
        s.container().tokens().subList(0, 4).stream().map(VllmContainer.Token::text).toList());
  }

  @Test
  void shellVariablesComeFromEnvOrCannotBeVerified() {
    KvSubject known =
        subject(
            "    - name: c\n      image: vllm/vllm-openai:v0.11.0\n"
                + "      command: [/bin/bash, -o, pipefail, -lc, 'python3 -m vllm.entrypoints.openai.api_server"
                + " --kv-events-config \"$KV\"']\n"
                + "      env: [{name: KV, value: '"
                + CONFIG
                + "'}]\n");
    assertTrue(known.publishes(KvContract.builtIn()));
    assertTrue(known.container().references("KV"));
    KvSubject unknown =
        subject(
            "    - name: c\n      image: vllm/vllm-openai:v0.11.0\n"
                + "      command: [sh, -c, 'vllm serve m --kv-events-config \"${KV_CONFIG}\"']\n");
    assertEquals(List.of("${KV_CONFIG}"), unknown.unverifiable());
  }

  @Test
  void quotedArgumentsStandForTheEntriesAfterTheScript() {
    KvSubject s =
        subject(
            "    - name: c\n      image: vllm/vllm-openai:v0.11.0\n"
                + "      command: [sh, -c, 'exec vllm serve \"$@\"', vllm, --kv-events-config, '"
                + CONFIG
                + "']\n");
    assertTrue(s.publishes(KvContract.builtIn()));
    assertEquals("/spec/containers/0/command/5", s.configPointer());
  }

  @Test
  void aScriptWithoutTheServerKeepsItsEntries() {
    KvSubject s =
        subject(
            "    - name: c\n      image: my/ray:1\n"
                + "      command: [sh, -c, 'ray start --address=$(LWS_LEADER_ADDRESS) --block']\n");
    assertFalse(s.container().isVllm());
    assertEquals(3, s.container().tokens().size());
  }
}
