package io.github.kvchart.aibrix.core.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.InvalidArgumentException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.loader.ResourceLocator;
import com.hubspot.jinjava.tree.parse.StringTokenScannerSymbols;
import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.SourceLocation;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Jinjava set up for templates that contain Helm: bracket delimiters ({@code [= value =]}, {@code
 * [% tag %]}, {@code [# note #]}) leave Helm's {@code {{ }}} alone, an unknown variable is fatal,
 * output is never re-interpreted, and templates see plain data only.
 */
public final class TemplateEngine {
  /** Longest time one template may take to render. */
  static final java.time.Duration RENDER_LIMIT = java.time.Duration.ofSeconds(30);

  /** Longest output one template may produce. */
  static final long MAX_OUTPUT_CHARS = 32L * 1024 * 1024;

  private final TemplateSource source;
  private final Jinjava jinjava;
  private final JinjavaConfig config;

  /**
   * Contexts holding Jinjava's libraries, each lent to one render at a time. Jinjava's own render
   * entry point builds such a context for every template, creating each of its ~200 filters, tags,
   * tests and functions by reflection (in a cold JVM the JDK then generates an accessor class per
   * constructor from the 16th call on); a render here only opens a scope over a lent one.
   */
  private final ConcurrentLinkedQueue<Context> idle = new ConcurrentLinkedQueue<>();

  public TemplateEngine(TemplateSource source) {
    this.source = source;
    this.config =
        JinjavaConfig.newBuilder()
            .withTokenScannerSymbols(
                new StringTokenScannerSymbols.Builder()
                    .withVariableStartString("[=")
                    .withVariableEndString("=]")
                    .withBlockStartString("[%")
                    .withBlockEndString("%]")
                    .withCommentStartString("[#")
                    .withCommentEndString("#]")
                    .build())
            .withFailOnUnknownTokens(true)
            .withNestedInterpretationEnabled(false)
            .withTrimBlocks(true)
            .withLstripBlocks(true)
            .withMaxOutputSize(MAX_OUTPUT_CHARS)
            .withMaxRenderDepth(8)
            .withMaxMacroRecursionDepth(8)
            .withElResolver(new DataOnlyResolver())
            .build();
    this.jinjava = new Jinjava(config);
    ValueFilters.all().forEach(filter -> jinjava.getGlobalContext().registerFilter(filter));
    BoundedFunctions.filters().forEach(filter -> jinjava.getGlobalContext().registerFilter(filter));
    jinjava.getGlobalContext().registerFunction(BoundedFunctions.rangeFunction());
    jinjava.setResourceLocator(new SourceLocator());
  }

  /**
   * What {@link Jinjava#renderForResult(String, Map)} returns, rendered in a scope over a lent
   * library context: the scope takes the bindings, set variables and macros, so nothing of one
   * render reaches the next, and a context is lent again only after its render returned.
   */
  private RenderResult renderInScope(String template, Map<String, Object> bindings) {
    Context library = idle.poll();
    if (library == null) {
      library = jinjava.newInterpreter().getContext();
    }
    Context scope = new Context(library, bindings, config.getDisabled());
    JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava, scope, config);
    RenderResult result;
    try (var current = JinjavaInterpreter.closeablePushCurrent(interpreter).get()) {
      result = new RenderResult(interpreter.render(template), scope, interpreter.getErrorsCopy());
    } catch (TemplateSyntaxException e) {
      return new RenderResult(TemplateError.fromException(e), scope, interpreter.getErrorsCopy());
    } catch (InterpretException e) {
      return new RenderResult(TemplateError.fromSyntaxError(e), scope, interpreter.getErrorsCopy());
    } catch (InvalidArgumentException e) {
      return new RenderResult(
          TemplateError.fromInvalidArgumentException(e), scope, interpreter.getErrorsCopy());
    } catch (com.hubspot.jinjava.interpret.InvalidInputException e) {
      return new RenderResult(
          TemplateError.fromInvalidInputException(e), scope, interpreter.getErrorsCopy());
    } catch (Exception e) {
      return new RenderResult(TemplateError.fromException(e), scope, interpreter.getErrorsCopy());
    }
    // What a render records in the scope's parents (resolved names, dependencies) is dropped, as
    // Jinjava resets its global context after each render.
    library.reset();
    idle.add(library);
    return result;
  }

  /** Renders the template {@code name} against {@code context}. */
  public String render(String name, Map<String, Object> context) throws InvalidInputException {
    String text;
    try {
      text = source.read(name);
    } catch (IOException e) {
      throw new InvalidInputException(
          SourceLocation.ofFile(name),
          "cannot read template from " + source.describe() + ": " + e.getMessage(),
          "Check aibrix-chart.templateDirectory.",
          e);
    }
    RenderResult result;
    try {
      String template = text;
      result =
          io.github.kvchart.aibrix.core.Deadline.run(
              () -> renderInScope(template, context), RENDER_LIMIT, "rendering " + name);
    } catch (io.github.kvchart.aibrix.core.Deadline.Failure e) {
      throw new InvalidInputException(
          SourceLocation.ofFile(name),
          "template failed: " + oneLine(e.getMessage()),
          "Correct the template; templates see only the documented variables (see README), and a"
              + " render may take at most "
              + RENDER_LIMIT.toSeconds()
              + " s.",
          e);
    }
    for (TemplateError error : result.getErrors()) {
      // Warnings too: Jinjava reports a refused recursive macro call as a warning and renders
      // nothing.
      {
        throw new InvalidInputException(
            new SourceLocation(
                name, Math.max(error.getLineno(), 0), Math.max(error.getStartPosition(), 0)),
            "template error: " + oneLine(error.getMessage()) + rootCause(error.getException()),
            "Correct the template; templates see only the documented variables (see README).");
      }
    }
    return result.getOutput();
  }

  /** The innermost cause's message, when Jinjava's own message hides it. */
  private static String rootCause(Throwable thrown) {
    Throwable root = thrown;
    while (root != null && root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == null || root == thrown || root.getMessage() == null
        ? ""
        : " (" + oneLine(root.getMessage()) + ")";
  }

  private static String oneLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    return message.replaceAll("\\s+", " ").trim();
  }

  /** Lets templates include and import other templates of the same source, and nothing else. */
  private final class SourceLocator implements ResourceLocator {
    @Override
    public String getString(String fullName, Charset encoding, JinjavaInterpreter interpreter)
        throws IOException {
      return source.read(fullName);
    }
  }
}
