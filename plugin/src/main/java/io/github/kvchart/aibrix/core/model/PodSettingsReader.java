package io.github.kvchart.aibrix.core.model;

import io.github.kvchart.aibrix.core.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a model's pod settings ({@link PodSettings}): resources, the HF token, extra flags and env,
 * the cache, LoRA, /dev/shm and the Kubernetes objects passed through whole (probes, strategy,
 * security contexts, scheduling), labels, the Service, a PodDisruptionBudget and a PodMonitor.
 */
final class PodSettingsReader {
  /** The model keys this reader reads (each may sit under defaults: as well). */
  static final Set<String> KEYS =
      java.util.stream.Stream.concat(
              PodSettings.OBJECT_KEYS.stream(),
              java.util.stream.Stream.of(
                  "resources",
                  "gpuResourceName",
                  "hfToken",
                  "extraArgs",
                  "env",
                  "nodeSelector",
                  "cache",
                  "lora",
                  "shm",
                  "priorityClassName",
                  "runtimeClassName",
                  "schedulerName",
                  "terminationGracePeriodSeconds",
                  "commonLabels",
                  "podLabels",
                  "podAnnotations",
                  "service",
                  "podDisruptionBudget",
                  "metrics"))
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  private PodSettingsReader() {}

  private static final java.util.regex.Pattern QUANTITY =
      java.util.regex.Pattern.compile("[0-9]+(\\.[0-9]+)?(m|[EPTGMK]i?)?");

  static PodSettings read(LayeredMapping model) throws InvalidInputException {
    LayeredMapping resources = model.section("resources");
    resources.rejectUnknownKeys(Set.of("cpu", "memory"));
    String cpu = quantity(resources, "cpu", "4");
    String memory = quantity(resources, "memory", "24Gi");
    String gpuResource = model.string("gpuResourceName").orElse("nvidia.com/gpu");
    if (!gpuResource.matches("[a-z0-9.-]+/[a-z0-9.-]+")) {
      throw model.errorAt(
          "gpuResourceName",
          "gpuResourceName '"
              + ModelEntryReader.printable(gpuResource)
              + "' is not an extended resource name.",
          "Use e.g. nvidia.com/gpu or amd.com/gpu.");
    }
    LayeredMapping token = model.section("hfToken");
    token.rejectUnknownKeys(Set.of("secretName", "secretKey"));
    String secret = token.string("secretName").orElse("hf-token");
    String key = token.string("secretKey").orElse("token");
    if (!Names.isDns1123Subdomain(secret)) {
      throw token.errorAt(
          "secretName",
          "hfToken.secretName '" + ModelEntryReader.printable(secret) + "' is not a Secret name.",
          "Use e.g. hf-token.");
    }
    java.util.List<String> extraArgs = model.strings("extraArgs");
    java.util.Map<String, String> env = model.stringMap("env");
    for (String name : env.keySet()) {
      if (!name.matches("[-._a-zA-Z][-._a-zA-Z0-9]*")) {
        throw model.errorAt(
            "env",
            "env name '" + ModelEntryReader.printable(name) + "' is not a valid variable name.",
            "Use letters, digits, '_', '-' and '.'.");
      }
    }
    java.util.Map<String, String> nodeSelector = model.stringMap("nodeSelector");
    LayeredMapping cache = model.section("cache");
    cache.rejectUnknownKeys(Set.of("enabled", "size", "storageClassName", "existingClaim"));
    boolean cacheOn = cache.bool("enabled").orElse(false);
    String size = quantity(cache, "size", "50Gi");
    LayeredMapping lora = model.section("lora");
    lora.rejectUnknownKeys(Set.of("enabled"));
    LayeredMapping shm = model.section("shm");
    shm.rejectUnknownKeys(Set.of("sizeLimit"));
    String shmLimit = shm.has("sizeLimit") ? quantity(shm, "sizeLimit", "") : "";
    LayeredMapping service = model.section("service");
    service.rejectUnknownKeys(Set.of("type", "annotations"));
    String serviceType = service.string("type").orElse("ClusterIP");
    if (!Set.of("ClusterIP", "NodePort", "LoadBalancer").contains(serviceType)) {
      throw service.errorAt(
          "type",
          "service.type '"
              + ModelEntryReader.printable(serviceType)
              + "' is not ClusterIP, NodePort or LoadBalancer.",
          "Use ClusterIP (the gateway reaches the pods directly; the Service is for people and tools).");
    }
    return new PodSettings(
        cpu,
        memory,
        gpuResource,
        secret,
        key,
        extraArgs,
        env,
        nodeSelector,
        cacheOn,
        size,
        cache.string("storageClassName").orElse(""),
        cache.string("existingClaim").orElse(""),
        lora.bool("enabled").orElse(false),
        readObjects(model),
        readPodSpec(model),
        labels(model, "commonLabels"),
        labels(model, "podLabels"),
        model.stringMap("podAnnotations"),
        serviceType,
        service.stringMap("annotations"),
        shmLimit,
        readBudget(model.section("podDisruptionBudget")),
        readPodMonitor(model.section("metrics")));
  }

  /**
   * The Kubernetes objects passed through whole; the type of each is checked here, its fields by
   * validate.
   */
  private static Map<String, Object> readObjects(LayeredMapping model)
      throws InvalidInputException {
    Map<String, Object> objects = new LinkedHashMap<>();
    Map<String, Object> probes = PodSettings.defaultProbes();
    Optional<Object> given = model.tree("probes");
    if (given.isPresent()) {
      Map<String, Object> overrides = mapOf(model, "probes", given.get());
      for (Map.Entry<String, Object> probe : overrides.entrySet()) {
        if (!probes.containsKey(probe.getKey())) {
          throw model.errorAt(
              "probes",
              "probes."
                  + ModelEntryReader.printable(probe.getKey())
                  + " is not a probe of the chart.",
              "Use startup, readiness or liveness.");
        }
        probes.put(probe.getKey(), mapOf(model, "probes." + probe.getKey(), probe.getValue()));
      }
    }
    objects.put("probes", probes);
    objects.put(
        "strategy",
        model.has("strategy")
            ? mapOf(model, "strategy", model.tree("strategy").get())
            : PodSettings.defaultStrategy());
    for (String key : PodSettings.MAP_OBJECT_KEYS) {
      Optional<Object> value = objects.containsKey(key) ? Optional.empty() : model.tree(key);
      if (value.isPresent()) {
        objects.put(key, mapOf(model, key, value.get()));
      }
    }
    for (String key : PodSettings.LIST_OBJECT_KEYS) {
      Optional<Object> value = model.tree(key);
      if (value.isPresent()) {
        if (!(value.get() instanceof List<?> list)
            || list.stream().anyMatch(i -> !(i instanceof Map))) {
          throw model.errorAt(
              key,
              "'" + model.child(key) + "' must be a list of mappings, as in a pod spec.",
              "Write it as in Kubernetes, e.g. " + key + ":\n  - name: ...");
        }
        objects.put(key, value.get());
      }
    }
    return objects;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mapOf(LayeredMapping model, String what, Object value)
      throws InvalidInputException {
    if (!(value instanceof Map)) {
      String key = what.contains(".") ? what.substring(0, what.indexOf('.')) : what;
      throw model.errorAt(
          key,
          "'" + what + "' must be a mapping, as in a pod spec.",
          "Write it as in Kubernetes, with one field per line under '" + what + ":'.");
    }
    return (Map<String, Object>) value;
  }

  private static Map<String, Object> readPodSpec(LayeredMapping model)
      throws InvalidInputException {
    Map<String, Object> spec = new LinkedHashMap<>();
    for (String key : List.of("priorityClassName", "runtimeClassName", "schedulerName")) {
      Optional<String> value = model.string(key);
      if (value.isPresent()) {
        if (!Names.isDns1123Subdomain(value.get())) {
          throw model.errorAt(
              key,
              key
                  + " '"
                  + ModelEntryReader.printable(value.get())
                  + "' is not a valid object name.",
              "Use the name of an existing " + key.replace("Name", "") + ", e.g. high-priority.");
        }
        spec.put(key, value.get());
      }
    }
    spec.put(
        "terminationGracePeriodSeconds",
        ModelEntryReader.range(model, "terminationGracePeriodSeconds", 60, 0, 86_400));
    return spec;
  }

  private static final java.util.regex.Pattern LABEL_NAME =
      java.util.regex.Pattern.compile(
          "([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
  private static final java.util.regex.Pattern LABEL_VALUE =
      java.util.regex.Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

  /** Labels the API server accepts, none of which replaces a label the plugin sets itself. */
  private static Map<String, String> labels(LayeredMapping model, String key)
      throws InvalidInputException {
    Map<String, String> labels = model.stringMap(key);
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (!LABEL_NAME.matcher(label.getKey()).matches()) {
        throw model.errorAt(
            key,
            key + " key '" + ModelEntryReader.printable(label.getKey()) + "' is not a label key.",
            "Use an optional DNS prefix and '/', then up to 63 letters, digits, '-', '_' and '.'.");
      }
      if (!LABEL_VALUE.matcher(label.getValue()).matches()) {
        throw model.errorAt(
            key,
            key
                + " '"
                + ModelEntryReader.printable(label.getKey())
                + "' has the value '"
                + ModelEntryReader.printable(label.getValue())
                + "', which is not a label value.",
            "Use up to 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit.");
      }
      if (label.getKey().startsWith("model.aibrix.ai/")
          || label.getKey().startsWith("adapter.model.aibrix.ai/")
          || label.getKey().equals("app.kubernetes.io/name")) {
        throw model.errorAt(
            key,
            key + " sets '" + label.getKey() + "', which the plugin sets itself (AIBrix reads it).",
            "Remove it: the model's name, port, engine and KV-event labels come from the model.");
      }
    }
    return labels;
  }

  private static final java.util.regex.Pattern INT_OR_PERCENT =
      java.util.regex.Pattern.compile("[0-9]{1,9}|[0-9]{1,3}%");

  private static PodSettings.DisruptionBudget readBudget(LayeredMapping pdb)
      throws InvalidInputException {
    pdb.rejectUnknownKeys(Set.of("enabled", "minAvailable", "maxUnavailable"));
    boolean enabled = pdb.bool("enabled").orElse(false);
    pdb = pdb.layerWith(Set.of("minAvailable", "maxUnavailable"));
    if (pdb.has("minAvailable") && pdb.has("maxUnavailable")) {
      throw pdb.errorAt(
          "maxUnavailable",
          "podDisruptionBudget sets both minAvailable and maxUnavailable; the API takes one.",
          "Keep one of the two.");
    }
    Object min = pdb.has("minAvailable") ? intOrPercent(pdb, "minAvailable") : null;
    Object max =
        min == null ? (pdb.has("maxUnavailable") ? intOrPercent(pdb, "maxUnavailable") : 1L) : null;
    return new PodSettings.DisruptionBudget(enabled, min, max);
  }

  private static Object intOrPercent(LayeredMapping pdb, String key) throws InvalidInputException {
    String text = pdb.string(key).orElseThrow();
    if (!INT_OR_PERCENT.matcher(text).matches()) {
      throw pdb.errorAt(
          key,
          "podDisruptionBudget."
              + key
              + " '"
              + ModelEntryReader.printable(text)
              + "' is not a count or a percentage.",
          "Write e.g. 1 or \"50%\".");
    }
    return text.endsWith("%") ? text : (Object) Long.valueOf(text);
  }

  private static final java.util.regex.Pattern DURATION =
      java.util.regex.Pattern.compile(
          "0|([0-9]+y)?([0-9]+w)?([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?");

  private static PodSettings.PodMonitor readPodMonitor(LayeredMapping metrics)
      throws InvalidInputException {
    metrics.rejectUnknownKeys(Set.of("podMonitor"));
    LayeredMapping monitor = metrics.section("podMonitor");
    monitor.rejectUnknownKeys(Set.of("enabled", "interval", "labels"));
    String interval = monitor.string("interval").orElse("30s");
    if (interval.isEmpty() || !DURATION.matcher(interval).matches()) {
      throw monitor.errorAt(
          "interval",
          "metrics.podMonitor.interval '"
              + ModelEntryReader.printable(interval)
              + "' is not a Prometheus duration.",
          "Write e.g. 30s or 1m.");
    }
    return new PodSettings.PodMonitor(
        monitor.bool("enabled").orElse(false), interval, labels(monitor, "labels"));
  }

  static String quantity(LayeredMapping layer, String key, String fallback)
      throws InvalidInputException {
    String value = layer.string(key).orElse(fallback);
    if (!QUANTITY.matcher(value).matches()) {
      throw layer.errorAt(
          key,
          "'"
              + layer.child(key)
              + "' is '"
              + ModelEntryReader.printable(value)
              + "', not a Kubernetes quantity.",
          "Write e.g. 4, 500m, 24Gi.");
    }
    return value;
  }
}
