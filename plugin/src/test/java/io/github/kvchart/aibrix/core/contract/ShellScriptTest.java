package io.github.kvchart.aibrix.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Splitting a shell script into commands and words as a POSIX shell does. */
class ShellScriptTest {
  private final Map<String, String> opaque = new HashMap<>();
  private final Set<String> referenced = new HashSet<>();

  private List<List<String>> words(String script, VllmContainer.EnvEntry... env) {
    Map<String, VllmContainer.EnvEntry> entries = new HashMap<>();
    for (VllmContainer.EnvEntry entry : env) {
      entries.put(entry.name(), entry);
    }
    return ShellScript.commands(script, entries, opaque, referenced).stream()
        .map(command -> command.stream().map(w -> w.allArguments() ? "<$@>" : w.text()).toList())
        .toList();
  }

  @Test
  void quotesEscapesAndContinuations() {
    assertEquals(
        List.of(
            List.of("vllm", "serve", "m", "--kv-events-config", "{\"a\": \"b c\"}", "x y", "z")),
        words("vllm serve m \\\n  --kv-events-config '{\"a\": \"b c\"}' \"x y\" \\z"));
    assertEquals(List.of(List.of("a\"b", "c\\d", "e$$f")), words("\"a\\\"b\" \"c\\d\" 'e$f'"));
  }

  @Test
  void commandsEndAtOperatorsNewlinesAndParentheses() {
    assertEquals(
        List.of(
            List.of("ray", "start"),
            List.of("echo", "ok"),
            List.of("vllm", "serve"),
            List.of("tee", "log"),
            List.of("b"),
            List.of("c")),
        words("ray start && echo ok; vllm serve | tee log\n(b) || c &"));
  }

  @Test
  void commentsAndRedirectionsAreDropped() {
    assertEquals(
        List.of(List.of("vllm", "serve", "a#b"), List.of("next")),
        words("vllm serve a#b 2>&1 > /tmp/log # a comment\nnext < in"));
  }

  @Test
  void envReferencesBecomeValuesOrReferencesKubernetesExpands() {
    var literal = new VllmContainer.EnvEntry("PORT", "8000", false, "/env/0");
    var secret = new VllmContainer.EnvEntry("KEY", null, true, "/env/1");
    assertEquals(
        List.of(List.of("--port", "8000", "x8000y", "$(KEY)", "$(KEY)", "$(HOME)")),
        words("--port $PORT \"x${PORT}y\" $KEY $(KEY) $HOME", literal, secret));
    assertEquals(Set.of("PORT", "KEY"), referenced);
    assertEquals(Map.of("HOME", "$HOME"), opaque);
  }

  @Test
  void substitutionsAndSpecialParametersAreOpaque() {
    List<List<String>> found = words("a $(cat /x) `hostname` $1 ${X:-d} \"$@\" $@ $");
    assertEquals(
        List.of(
            List.of(
                "a", "$(shell_0)", "$(shell_1)", "$(shell_2)", "$(shell_3)", "<$@>", "<$@>", "$$")),
        found);
    assertEquals("$(cat /x)", opaque.get("shell_0"));
    assertEquals("`hostname`", opaque.get("shell_1"));
    assertEquals("$1", opaque.get("shell_2"));
    assertEquals("${X:-d}", opaque.get("shell_3"));
  }
}
