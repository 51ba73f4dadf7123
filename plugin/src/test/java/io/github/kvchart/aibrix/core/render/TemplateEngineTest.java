package io.github.kvchart.aibrix.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Jinjava set-up: bracket delimiters, Helm passes through, unknown names are fatal. */
class TemplateEngineTest {
  @TempDir Path dir;

  private String render(String template, Map<String, Object> context) throws Exception {
    Files.writeString(dir.resolve("t.yaml"), template);
    return new TemplateEngine(new DirectoryTemplateSource(dir)).render("t.yaml", context);
  }

  @Test
  void helmBracesPassThroughUntouched() throws Exception {
    String helm = "name: {{ .Values.model.name | quote }}\n{{- if .Values.x }}y{{ end }}\n";
    assertEquals(helm, render(helm, Map.of()));
  }

  @Test
  void bracketDelimitersRenderValuesAndTags() throws Exception {
    String out =
        render(
            "[% for m in models %][= m | yaml =];[% endfor %][# gone #]",
            Map.of("models", java.util.List.of("a", "b: c")));
    assertEquals("a;'b: c';", out);
  }

  @Test
  void valuesAreNeverInterpretedAgain() throws Exception {
    String out = render("v: [= v | yaml =]", Map.of("v", "[= secret =] {{ x }} [% if %]"));
    assertEquals("v: '[= secret =] {{ x }} [% if %]'", out);
  }

  @Test
  void unknownVariableIsFatalWithItsLine() throws Exception {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> render("a: 1\nb: [= nope =]\n", Map.of()));
    assertEquals("t.yaml", e.location().file());
    assertEquals(2, e.location().line(), e.getMessage());
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
  }

  @Test
  void includesResolveInsideTheSourceOnly() throws Exception {
    Files.createDirectories(dir.resolve("_partials"));
    Files.writeString(dir.resolve("_partials/p.j2"), "[% macro hi(n) %]hi [= n =][% endmacro %]");
    assertEquals("hi x", render("[% from \"_partials/p.j2\" import hi %][= hi('x') =]", Map.of()));
    assertThrows(
        InvalidInputException.class,
        () -> render("[% include \"../../../etc/passwd\" %]", Map.of()));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "[= name.getClass() =]",
        "[= name.toUpperCase() =]",
        "[= name.bytes =]",
        "[= name.class =]",
        "[= port.getClass().forName('java.lang.Runtime') =]",
        "[= models[0].getClass() =]",
      })
  void templatesCannotReachJava(String template) {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                render(
                    template,
                    Map.of("name", "model", "port", 8000L, "models", java.util.List.of("a"))));
    assertTrue(e.getMessage().contains("templates see data only"), e.getMessage());
  }

  @Test
  void jinjavaHelpersStillWork() throws Exception {
    assertEquals(
        "a,b.",
        render(
            "[% for x in xs %][= x =][% if not loop.last %],[% else %].[% endif %][% endfor %]",
            Map.of("xs", java.util.List.of("a", "b"))));
    assertEquals("MODEL", render("[= name | upper =]", Map.of("name", "model")));
  }

  /**
   * The engine lends its library contexts from render to render: what one template sets, defines or
   * fails on never reaches the next, on one thread or on several.
   */
  @Test
  void rendersShareNothingButTheLibraries() throws Exception {
    Files.writeString(
        dir.resolve("sets.yaml"), "[% set leaked = 'x' %][% macro m() %]m[% endmacro %]");
    Files.writeString(dir.resolve("reads.yaml"), "[= leaked =]");
    Files.writeString(dir.resolve("calls.yaml"), "[= m() =]");
    Files.writeString(dir.resolve("fails.yaml"), "[% for %]");
    Files.writeString(dir.resolve("clean.yaml"), "[= v | upper =]");
    TemplateEngine engine = new TemplateEngine(new DirectoryTemplateSource(dir));
    for (int round = 0; round < 20; round++) {
      assertEquals("", engine.render("sets.yaml", Map.of()));
      assertThrows(InvalidInputException.class, () -> engine.render("reads.yaml", Map.of()));
      assertThrows(InvalidInputException.class, () -> engine.render("calls.yaml", Map.of()));
      assertThrows(InvalidInputException.class, () -> engine.render("fails.yaml", Map.of()));
      assertEquals("V" + round, engine.render("clean.yaml", Map.of("v", "v" + round)));
    }
    java.util.List<String> outputs =
        io.github.kvchart.aibrix.core.Parallel.map(
            java.util.stream.IntStream.range(0, 200).boxed().toList(),
            4,
            "test-render",
            i -> {
              engine.render("sets.yaml", Map.of());
              return engine.render("clean.yaml", Map.of("v", "v" + i));
            });
    for (int i = 0; i < 200; i++) {
      assertEquals("V" + i, outputs.get(i));
    }
    assertThrows(InvalidInputException.class, () -> engine.render("reads.yaml", Map.of()));
  }
}
