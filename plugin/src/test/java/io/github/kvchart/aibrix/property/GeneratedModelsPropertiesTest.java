package io.github.kvchart.aibrix.property;

import io.github.kvchart.aibrix.TestPaths;
import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.render.ChartGenerator;
import io.github.kvchart.aibrix.core.render.GenerateRequest;
import io.github.kvchart.aibrix.core.validate.ManifestValidator;
import io.github.kvchart.aibrix.core.validate.ValidateRequest;
import io.github.kvchart.aibrix.core.validate.ValidationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * For generated model specs, valid and invalid alike: generate either writes output that validates
 * with no errors (schemas and contract), or rejects the input with a message that names the file
 * and line and a fix. It never writes invalid output silently and never crashes.
 */
class GeneratedModelsPropertiesTest {
  private static final AtomicInteger GENERATED = new AtomicInteger();
  private static final AtomicInteger REJECTED = new AtomicInteger();
  private static final Map<String, Integer> REASONS =
      new java.util.concurrent.ConcurrentHashMap<>();

  @Property(tries = 1000, seed = "20261121", edgeCases = net.jqwik.api.EdgeCasesMode.MIXIN)
  void generatedOutputValidatesOrInputIsRejectedClearly(
      @ForAll("modelsFiles") Map<String, Object> models) throws Exception {
    Path dir = Files.createTempDirectory("aibrix-property");
    try {
      Path file = dir.resolve("models.yaml");
      DumperOptions options = new DumperOptions();
      options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
      Files.writeString(file, new Yaml(options).dump(models));
      Path out = dir.resolve("out");
      try {
        new ChartGenerator()
            .generate(
                new GenerateRequest(out, TestPaths.chartTemplates(), file, null, "1.0.0", null),
                BuildLog.SILENT);
      } catch (InvalidInputException e) {
        REJECTED.incrementAndGet();
        REASONS.merge(
            e.problem().replaceAll("'[^']*'", "X").replaceAll("[0-9]+", "N"), 1, Integer::sum);
        if (e.location() == null
            || !e.location().toString().startsWith(file.toString())
            || e.location().line() <= 0
            || e.fix() == null
            || e.fix().isBlank()) {
          throw new AssertionError("unclear rejection: " + e.getMessage());
        }
        if (Files.exists(out)) {
          throw new AssertionError("rejected input left output behind");
        }
        return;
      }
      GENERATED.incrementAndGet();
      ValidationResult result =
          new ManifestValidator()
              .validate(
                  new ValidateRequest(
                      dir,
                      List.of(out.resolve("samples")),
                      List.of(),
                      List.of(),
                      "1.32",
                      List.of(),
                      1),
                  BuildLog.SILENT);
      List<Violation> errors = result.violations().stream().filter(Violation::isError).toList();
      if (!errors.isEmpty()) {
        throw new AssertionError(
            "generated output is invalid for\n" + Files.readString(file) + "\n" + errors);
      }
    } finally {
      try (var walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @AfterContainer
  static void report() {
    System.out.printf(
        "GeneratedModelsPropertiesTest: %d specs generated and validated clean, %d rejected clearly%n",
        GENERATED.get(), REJECTED.get());
    System.out.println(
        "GeneratedModelsPropertiesTest rejections: " + new java.util.TreeMap<>(REASONS));
  }

  @Provide
  Arbitrary<Map<String, Object>> modelsFiles() {
    return model()
        .list()
        .ofMinSize(1)
        .ofMaxSize(3)
        .map(
            list -> {
              Map<String, Object> root = new LinkedHashMap<>();
              List<Object> models = new ArrayList<>();
              int i = 0;
              for (Map<String, Object> model : list) {
                if (!"keep".equals(model.get("__name"))) {
                  model.put("name", model.get("__name"));
                } else {
                  model.put("name", "model-" + i);
                }
                model.remove("__name");
                models.add(model);
                i++;
              }
              root.put("models", models);
              return root;
            });
  }

  private static <T> Arbitrary<T> mostly(T good, Arbitrary<T> other) {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(19, Arbitraries.just(good)), net.jqwik.api.Tuple.of(1, other));
  }

  private Arbitrary<Map<String, Object>> model() {
    Arbitrary<String> anyText =
        Arbitraries.strings().withCharRange('\u0000', '\uD7FF').ofMaxLength(20);
    Arbitrary<String> name =
        mostly(
            "keep",
            Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcxyz019-._/A ").ofMinLength(0).ofMaxLength(70),
                anyText));
    Arbitrary<String> hfModel =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, Arbitraries.just("org/model")),
            net.jqwik.api.Tuple.of(
                3,
                Arbitraries.strings()
                    .withChars("abz09/:#'\"{}[]=%$()`\\ -_.")
                    .ofMinLength(1)
                    .ofMaxLength(40)),
            net.jqwik.api.Tuple.of(1, anyText));
    Arbitrary<String> image =
        mostly(
            "vllm/vllm-openai:v0.11.0",
            Arbitraries.of(
                "vllm/vllm-openai:v0.7.1",
                "vllm/vllm-openai:v0.9.0",
                "registry:5000/vllm/vllm-openai:0.10.1.1",
                "vllm/vllm-openai:latest",
                "vllm/vllm-openai:v0.30.0",
                "Not An Image",
                "vllm/vllm-openai@sha256:" + "a".repeat(64)));
    Arbitrary<Integer> replicas = mostly(1, Arbitraries.integers().between(-3, 12000));
    Arbitrary<Integer> port =
        mostly(8000, Arbitraries.of(0, 1, 5557, 5558, 8080, 65535, 65536, 70000));
    Arbitrary<String> mode =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(4, Arbitraries.just("args")),
            net.jqwik.api.Tuple.of(4, Arbitraries.just("env")),
            net.jqwik.api.Tuple.of(1, Arbitraries.of("ENV", "yaml")));
    Arbitrary<String> topic =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(2, Arbitraries.just("kv-events")),
            net.jqwik.api.Tuple.of(
                2, Arbitraries.strings().withChars("ab:#'\"{}[]=%$()\\ ").ofMaxLength(20)),
            net.jqwik.api.Tuple.of(1, anyText));
    Arbitrary<Map<String, Object>> kv =
        Combinators.combine(
                Arbitraries.of(true, true, false),
                mostly("zmq", Arbitraries.just("null")),
                mostly(5557, Arbitraries.just(6000)),
                mostly(5558, Arbitraries.just(5559)),
                mostly(10000, Arbitraries.integers().between(-1, 100_000_001)),
                topic)
            .as(
                (enabled, publisher, eventPort, replay, steps, t) -> {
                  Map<String, Object> map = new LinkedHashMap<>();
                  map.put("enabled", enabled);
                  map.put("publisherType", publisher);
                  map.put("eventPort", eventPort);
                  map.put("replayPort", replay);
                  map.put("bufferSteps", steps);
                  map.put("topic", t);
                  return map;
                });
    Arbitrary<Map<String, Object>> scaling =
        Combinators.combine(
                Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 10),
                mostly("KPA", Arbitraries.of("HPA", "APA", "FAST")))
            .as(
                (enabled, min, max, strategy) -> {
                  Map<String, Object> map = new LinkedHashMap<>();
                  map.put("enabled", enabled);
                  map.put("minReplicas", min);
                  map.put("maxReplicas", max == 0 ? min - 1 : min + max);
                  map.put("scalingStrategy", strategy);
                  return map;
                });
    return Combinators.combine(name, hfModel, image, replicas, port, mode, kv, scaling)
        .as(
            (n, hf, img, r, p, m, k, sc) -> {
              Map<String, Object> model = new LinkedHashMap<>();
              model.put("__name", n);
              model.put("hfModel", hf);
              model.put("image", img);
              model.put("replicas", r);
              model.put("servingPort", p);
              model.put("configMode", m);
              model.put("kvEvents", k);
              model.put("autoscaling", sc);
              return model;
            });
  }
}
