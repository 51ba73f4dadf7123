package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.Json;
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

  /** The Kubernetes minor validated against when none is named: the newest one shipped. */
  public static final String DEFAULT_KUBERNETES_VERSION = "1.35";

  /**
   * A schema's JSON before compilation, and where it came from. Shipped schemas are read on first
   * use: a run reads only the kinds its documents have.
   */
  public static final class Source {
    private final String origin;
    private volatile JsonNode json;

    Source(String origin, JsonNode json) {
      this.origin = origin;
      this.json = json;
    }

    public String origin() {
      return origin;
    }

    /** The schema JSON (a shipped one is read from the plugin now, once). */
    public JsonNode json() {
      JsonNode read = json;
      if (read == null) {
        try {
          read = readJson(origin);
        } catch (InvalidInputException e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
        if (read == null) {
          throw new IllegalStateException(origin + " is missing from the plugin; rebuild it.");
        }
        json = read;
      }
      return read;
    }
  }

  private final String kubernetesVersion;
  private final Map<String, Source> sources;
  private final ApiLifecycle lifecycle;
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
  private final Map<String, Optional<FastSchema>> fast = new ConcurrentHashMap<>();
  private final AtomicInteger compilations = new AtomicInteger();

  /**
   * networknt, for the schemas the fast walker does not implement; set up on first use (its 150
   * keyword classes cost a cold run about 0.1 s, and most runs never need it).
   */
  private volatile SchemaRegistry registry;

  private SchemaCatalog(
      String kubernetesVersion, Map<String, Source> sources, ApiLifecycle lifecycle) {
    this.kubernetesVersion = kubernetesVersion;
    this.sources = sources;
    this.lifecycle = lifecycle;
  }

  /** The shipped schemas for {@code kubernetesVersion} (e.g. "1.32", "v1.32.4") plus CRDs. */
  public static SchemaCatalog of(String kubernetesVersion, List<CrdSchema> crds)
      throws InvalidInputException {
    String minor = minor(kubernetesVersion);
    Map<String, Source> sources = new LinkedHashMap<>();
    List<String> minors = supportedMinors();
    JsonNode why = readJson(ROOT + "kubernetes/index.json").path("notShipped").path(minor);
    if (why.isTextual()) {
      throw new InvalidInputException(
          null,
          "no schemas for Kubernetes " + kubernetesVersion + ": " + why.asText() + ".",
          "Validate against the nearest minor the plugin ships, e.g. aibrix-chart.kubernetesVersion="
              + minors.stream()
                  .filter(m -> m.compareTo(minor) > 0)
                  .findFirst()
                  .orElse(minors.get(0))
              + " (it may accept fields 1.29 lacks) or an older one (it may refuse fields 1.29 has).");
    }
    if (!minors.contains(minor)) {
      throw new InvalidInputException(
          null,
          "no schemas for Kubernetes "
              + kubernetesVersion
              + "; this plugin ships "
              + minors.get(0)
              + " to "
              + minors.get(minors.size() - 1)
              + ".",
          "Set aibrix-chart.kubernetesVersion to your cluster's minor, one of "
              + String.join(", ", minors)
              + " (default "
              + DEFAULT_KUBERNETES_VERSION
              + ").");
    }
    String folder = ROOT + "kubernetes/";
    addIndexed(sources, folder, readJson(folder + "v" + minor + ".json"));
    addIndexed(sources, ROOT + "crds/", readJson(ROOT + "crds/index.json"));
    for (CrdSchema crd : crds) {
      sources.put(key(crd.apiVersion(), crd.kind()), new Source(crd.origin(), crd.schema()));
    }
    ApiLifecycle lifecycle =
        new ApiLifecycle(
            readJson(ROOT + "kubernetes/index.json"),
            readJson(ROOT + "kubernetes-api-changes.json"));
    return new SchemaCatalog(minor, sources, lifecycle);
  }

  /** Whether this minor no longer serves, deprecates or does not yet serve a built-in kind. */
  Optional<ApiLifecycle.Verdict> lifecycle(String apiVersion, String kind) {
    return lifecycle.judge(apiVersion, kind, kubernetesVersion);
  }

  /** The kind as a known schema spells it, when {@code kind} differs from it only in case. */
  Optional<String> kindSpelling(String apiVersion, String kind) {
    String prefix = apiVersion + "|";
    for (String key : sources.keySet()) {
      if (key.startsWith(prefix)) {
        String known = key.substring(prefix.length());
        if (!known.equals(kind) && known.equalsIgnoreCase(kind)) {
          return Optional.of(known);
        }
      }
    }
    return Optional.empty();
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
              return registry().getSchema(source.json());
            }));
  }

  private SchemaRegistry registry() {
    SchemaRegistry made = registry;
    if (made == null) {
      synchronized (this) {
        made = registry;
        if (made == null) {
          made = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
          registry = made;
        }
      }
    }
    return made;
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

  /** The minor's number (35 for Kubernetes 1.35). */
  int minorNumber() {
    return Integer.parseInt(kubernetesVersion.substring(kubernetesVersion.indexOf('.') + 1));
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
          "Use your cluster's minor, such as "
              + DEFAULT_KUBERNETES_VERSION
              + " (1.28 to 1.36 are shipped).");
    }
    return matcher.group(1);
  }

  /** The Kubernetes minors the plugin ships schemas for, oldest first (e.g. 1.28 ... 1.35). */
  public static List<String> supportedMinors() throws InvalidInputException {
    JsonNode index = readJson(ROOT + "kubernetes/index.json");
    if (index == null) {
      throw new InvalidInputException(
          SourceLocation.ofFile(ROOT + "kubernetes/index.json"),
          "is missing from the plugin.",
          "Rebuild the plugin: schemas/ is packaged into it.");
    }
    List<String> minors = new java.util.ArrayList<>();
    index.path("minors").forEach(minor -> minors.add(minor.asText()));
    return minors;
  }

  private static void addIndexed(Map<String, Source> sources, String folder, JsonNode index)
      throws InvalidInputException {
    if (index == null) {
      throw new InvalidInputException(
          SourceLocation.ofFile(folder),
          "has no index in the plugin.",
          "Rebuild the plugin: schemas/ is packaged into it.");
    }
    for (JsonNode entry : index.path("kinds")) {
      sources.put(
          key(entry.path("apiVersion").asText(), entry.path("kind").asText()),
          new Source(folder + entry.path("file").asText(), null));
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
      JsonNode json = in == null ? null : Json.read(in);
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
