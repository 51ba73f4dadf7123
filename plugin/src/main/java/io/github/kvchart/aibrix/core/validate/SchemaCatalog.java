package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JSON schemas known to {@code validate}, by apiVersion and kind: the shipped Kubernetes
 * schemas of one minor, the shipped CRD kinds (schemas/crds/: the AIBrix PodAutoscaler and the
 * Prometheus operator's PodMonitor and ServiceMonitor) and any CRDs the user passes. Each schema is
 * compiled once, on first use, and shared by every file and thread.
 */
public final class SchemaCatalog {
  /** The class-path folder the build copies schemas/ into. */
  public static final String ROOT = "io/github/kvchart/aibrix/schemas/";

  /** The Kubernetes minor the shipped schemas describe. */
  public static final String DEFAULT_KUBERNETES_VERSION = "1.32";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A schema's JSON before compilation, and where it came from. */
  public record Source(String origin, JsonNode json) {}

  private final String kubernetesVersion;
  private final Map<String, Source> sources;
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
  private final Map<String, Optional<FastSchema>> fast = new ConcurrentHashMap<>();
  private final AtomicInteger compilations = new AtomicInteger();
  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

  private SchemaCatalog(String kubernetesVersion, Map<String, Source> sources) {
    this.kubernetesVersion = kubernetesVersion;
    this.sources = sources;
  }

  /** The shipped schemas for {@code kubernetesVersion} (e.g. "1.32", "v1.32.4") plus CRDs. */
  public static SchemaCatalog of(String kubernetesVersion, List<CrdSchema> crds)
      throws InvalidInputException {
    String minor = minor(kubernetesVersion);
    Map<String, Source> sources = new LinkedHashMap<>();
    String folder = ROOT + "kubernetes/v" + minor + "/";
    JsonNode index = readJson(folder + "index.json");
    if (index == null) {
      throw new InvalidInputException(
          null,
          "no schemas for Kubernetes " + kubernetesVersion + ".",
          "Use aibrix-chart.kubernetesVersion="
              + DEFAULT_KUBERNETES_VERSION
              + " (the Kubernetes minor this plugin ships schemas for).");
    }
    addIndexed(sources, folder, index);
    addIndexed(sources, ROOT + "crds/", readJson(ROOT + "crds/index.json"));
    for (CrdSchema crd : crds) {
      sources.put(key(crd.apiVersion(), crd.kind()), new Source(crd.origin(), crd.schema()));
    }
    return new SchemaCatalog(minor, sources);
  }

  /** Whether a schema is known for the kind. */
  public boolean has(String apiVersion, String kind) {
    return sources.containsKey(key(apiVersion, kind));
  }

  /** The compiled (networknt) schema for a kind, if one is known. */
  public Optional<Schema> find(String apiVersion, String kind) {
    String key = key(apiVersion, kind);
    Source source = sources.get(key);
    if (source == null) {
      return Optional.empty();
    }
    return Optional.of(
        compiled.computeIfAbsent(
            key,
            k -> {
              compilations.incrementAndGet();
              return registry.getSchema(source.json());
            }));
  }

  /** The fast walker for a kind, when its schema uses only the keywords the walker implements. */
  Optional<FastSchema> findFast(String apiVersion, String kind) {
    String key = key(apiVersion, kind);
    Source source = sources.get(key);
    if (source == null) {
      return Optional.empty();
    }
    return fast.computeIfAbsent(
        key,
        k -> {
          FastSchema walker = FastSchema.compile(source.json());
          if (walker != null) {
            compilations.incrementAndGet();
          }
          return Optional.ofNullable(walker);
        });
  }

  /** The uncompiled schema JSON for a kind (for hints such as known field names). */
  public Optional<Source> source(String apiVersion, String kind) {
    return Optional.ofNullable(sources.get(key(apiVersion, kind)));
  }

  /** How many schemas were compiled so far (each at most once). */
  public int compilations() {
    return compilations.get();
  }

  public String kubernetesVersion() {
    return kubernetesVersion;
  }

  static String minor(String version) throws InvalidInputException {
    String text =
        version == null || version.isBlank() ? DEFAULT_KUBERNETES_VERSION : version.trim();
    java.util.regex.Matcher matcher =
        java.util.regex.Pattern.compile("^v?(1\\.[0-9]{1,3})(\\.[0-9]+)?$").matcher(text);
    if (!matcher.matches()) {
      throw new InvalidInputException(
          null,
          "aibrix-chart.kubernetesVersion '" + version + "' is not a Kubernetes version.",
          "Use a version such as " + DEFAULT_KUBERNETES_VERSION + ".");
    }
    return matcher.group(1);
  }

  private static void addIndexed(Map<String, Source> sources, String folder, JsonNode index)
      throws InvalidInputException {
    for (JsonNode entry : index.path("kinds")) {
      String file = folder + entry.path("file").asText();
      JsonNode schema = readJson(file);
      if (schema == null) {
        throw new InvalidInputException(
            SourceLocation.ofFile(file),
            "is missing from the plugin.",
            "Rebuild the plugin: schemas/ is packaged into it.");
      }
      sources.put(
          key(entry.path("apiVersion").asText(), entry.path("kind").asText()),
          new Source(file, schema));
    }
  }

  /**
   * The shipped schema files, read once per class loader: they never change, and every run (and
   * every goal of a build) needs them. The trees are only ever read.
   */
  private static final Map<String, Optional<JsonNode>> SHIPPED = new ConcurrentHashMap<>();

  private static JsonNode readJson(String resource) throws InvalidInputException {
    Optional<JsonNode> cached = SHIPPED.get(resource);
    if (cached != null) {
      return cached.orElse(null);
    }
    try (InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(resource)) {
      JsonNode json = in == null ? null : JSON.readTree(in);
      SHIPPED.put(resource, Optional.ofNullable(json));
      return json;
    } catch (IOException e) {
      throw new InvalidInputException(
          SourceLocation.ofFile(resource),
          "cannot be read: " + e.getMessage(),
          "Rebuild the plugin.",
          e);
    }
  }

  static String key(String apiVersion, String kind) {
    return apiVersion + "|" + kind;
  }
}
