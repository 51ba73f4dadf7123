package io.github.kvchart.aibrix.core.render;

import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.Parallel;
import io.github.kvchart.aibrix.core.SourceLocation;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.image.ImageReference;
import io.github.kvchart.aibrix.core.model.FleetSpec;
import io.github.kvchart.aibrix.core.model.ModelsFileReader;
import io.github.kvchart.aibrix.core.model.SemVer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The whole {@code generate} job: read the models, render every template in memory, then write the
 * output directory in one step. Template {@code a/b.yaml.j2} becomes file {@code a/b.yaml};
 * templates under {@code _partials/} are only for include and import; an empty result is not
 * written.
 */
public final class ChartGenerator {
  /** Templates in this folder are included by others and never written out. */
  public static final String PARTIALS = "_partials/";

  public GenerateResult generate(GenerateRequest request, BuildLog log)
      throws InvalidInputException, IOException {
    TemplateSource source =
        request.templateDirectory() == null
            ? new ClasspathTemplateSource()
            : new DirectoryTemplateSource(request.templateDirectory());
    // Setting Jinjava up takes a cold JVM about 0.35 s: do it on the other core while the
    // contract and the models are read.
    Future<TemplateEngine> engine =
        Parallel.background("aibrix-chart-jinjava", () -> new TemplateEngine(source));
    KvContract contract =
        request.contractFile() == null
            ? KvContract.builtIn()
            : KvContract.load(request.contractFile());
    ModelsFileReader reader = new ModelsFileReader(contract);
    FleetSpec fleet =
        request.modelsFile() == null
            ? reader.readBuiltIn()
            : reader.read(request.modelsFile(), request.modelsFile().toString());
    String chartVersion = chartVersion(request, fleet);
    String appVersion = appVersion(fleet);
    Map<String, Object> context = TemplateModel.of(fleet, chartVersion, appVersion, contract);
    Map<String, String> files =
        render(source, Parallel.await(engine, "setting up Jinjava"), context);
    int removed = OutputTree.write(request.outputDirectory(), files);
    if (removed > 0) {
      log.info(
          "Removed "
              + removed
              + " temporary folder(s) that killed runs left beside "
              + request.outputDirectory()
              + ".");
    }
    log.debug("Templates from " + source.describe());
    return new GenerateResult(
        request.outputDirectory(),
        new ArrayList<>(files.keySet()),
        fleet.models().size(),
        chartVersion);
  }

  /** The most characters all templates together may write. */
  static final long MAX_TOTAL_CHARS = 64L * 1024 * 1024;

  /** Renders every template of {@code source}; the result is sorted by file name. */
  public static Map<String, String> render(TemplateSource source, Map<String, Object> context)
      throws InvalidInputException {
    return render(source, new TemplateEngine(source), context);
  }

  /**
   * Renders every template of {@code source} with {@code engine} (set up over the same source), on
   * every core: a Jinjava instance renders concurrently, and templates see read-only data.
   */
  static Map<String, String> render(
      TemplateSource source, TemplateEngine engine, Map<String, Object> context)
      throws InvalidInputException {
    List<String> names;
    try {
      names = source.names();
    } catch (IOException e) {
      throw new InvalidInputException(
          SourceLocation.ofFile(source.describe()),
          "cannot list templates: " + e.getMessage(),
          "Point aibrix-chart.templateDirectory at a readable directory of templates.",
          e);
    }
    List<String> rendered = names.stream().filter(name -> !name.startsWith(PARTIALS)).toList();
    // The total is counted as outputs arrive, so at most one output per thread is held beyond it.
    AtomicLong written = new AtomicLong();
    List<String> outputs =
        Parallel.map(
            rendered,
            Runtime.getRuntime().availableProcessors(),
            "aibrix-chart-render",
            name -> {
              String output = normalize(engine.render(name, context));
              if (written.addAndGet(output.length()) > MAX_TOTAL_CHARS) {
                throw new InvalidInputException(
                    SourceLocation.ofFile(source.describe()),
                    "the templates produce more than "
                        + MAX_TOTAL_CHARS / (1024 * 1024)
                        + " MB of output in all.",
                    "Check the templates' loops; a chart and its samples are far smaller.");
              }
              return output;
            });
    Map<String, String> files = new TreeMap<>();
    for (int i = 0; i < rendered.size(); i++) {
      String output = outputs.get(i);
      if (!output.isBlank()) {
        String name = rendered.get(i);
        files.put(name.endsWith(".j2") ? name.substring(0, name.length() - 3) : name, output);
      }
    }
    addChartReadmes(files);
    if (files.isEmpty()) {
      throw new InvalidInputException(
          SourceLocation.ofFile(source.describe()),
          "the templates produced no files.",
          "Add templates, or leave aibrix-chart.templateDirectory unset for the built-in ones.");
    }
    return files;
  }

  /** Beside every chart's values.schema.json, a README.md generated from it (unless templated). */
  private static void addChartReadmes(Map<String, String> files) {
    for (String name : List.copyOf(files.keySet())) {
      if (!name.startsWith("helm/") || !name.endsWith("/values.schema.json")) {
        continue;
      }
      String chart = name.substring(0, name.length() - "values.schema.json".length());
      String values = files.get(chart + "values.yaml");
      if (values == null || files.containsKey(chart + "README.md")) {
        continue;
      }
      String chartName = chart.substring("helm/".length(), chart.length() - 1);
      String readme = ChartReadme.of(chartName, files.get(name), values);
      if (readme != null) {
        files.put(chart + "README.md", normalize(readme));
      }
    }
  }

  /** {@code \n} line endings, no trailing spaces, exactly one final newline. */
  static String normalize(String text) {
    String unix = text.replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder out = new StringBuilder(unix.length());
    for (String line : unix.split("\n", -1)) {
      out.append(line.stripTrailing()).append('\n');
    }
    String result = out.toString();
    while (result.endsWith("\n\n")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }

  private static String chartVersion(GenerateRequest request, FleetSpec fleet)
      throws InvalidInputException {
    String version = request.chartVersion();
    String origin = "aibrix-chart.chartVersion";
    if (version == null || version.isBlank()) {
      version = fleet.chartVersion();
      origin = "chart.version in the models file";
    }
    if (version == null || version.isBlank()) {
      version = request.projectVersion();
      origin = "the project version";
    }
    if (!SemVer.isValid(version)) {
      throw new InvalidInputException(
          null,
          "the chart version '"
              + version
              + "' (from "
              + origin
              + ") is not SemVer 2, which Helm"
              + " requires.",
          "Set aibrix-chart.chartVersion or chart.version in the models file to e.g. 1.0.0.");
    }
    return version;
  }

  private static String appVersion(FleetSpec fleet) {
    if (fleet.appVersion() != null) {
      return fleet.appVersion();
    }
    ImageReference image = fleet.primary().imageReference();
    return image.tag() != null ? image.tag() : "latest";
  }
}
