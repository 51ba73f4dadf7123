package io.github.kvchart.aibrix.core.model;

import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.MetricVerdict;
import io.github.kvchart.aibrix.core.contract.rules.ModelAdapterRule;
import io.github.kvchart.aibrix.core.image.ImageReference;
import io.github.kvchart.aibrix.core.image.Version;
import io.github.kvchart.aibrix.core.yaml.MappingReader;
import java.util.Locale;
import java.util.Set;

/** Reads and checks one entry of {@code models:}, falling back to {@code defaults:}. */
final class ModelEntryReader {
  static final Set<String> DEFAULTABLE_KEYS =
      java.util.stream.Stream.concat(
              java.util.stream.Stream.of(
                  "hfModel",
                  "image",
                  "replicas",
                  "maxModelLen",
                  "gpus",
                  "servingPort",
                  "configMode",
                  "aibrixVersion",
                  "kvEvents",
                  "autoscaling"),
              PodSettingsReader.KEYS.stream())
          .collect(java.util.stream.Collectors.toUnmodifiableSet());
  private static final Set<String> MODEL_KEYS = union(DEFAULTABLE_KEYS, "name");
  private static final Set<String> KV_KEYS =
      Set.of("enabled", "publisherType", "eventPort", "replayPort", "bufferSteps", "topic", "hwm");
  private static final Set<String> AUTOSCALING_KEYS =
      Set.of(
          "enabled",
          "scalingStrategy",
          "minReplicas",
          "maxReplicas",
          "targetMetric",
          "targetValue");

  private final KvContract contract;

  ModelEntryReader(KvContract contract) {
    this.contract = contract;
  }

  ModelSpec read(MappingReader entry, MappingReader defaults) throws InvalidInputException {
    entry.rejectUnknownKeys(MODEL_KEYS);
    LayeredMapping model = new LayeredMapping(entry, defaults);

    String name =
        entry
            .string("name")
            .orElseThrow(
                () ->
                    entry.errorAt(
                        "name",
                        "a model needs a 'name'.",
                        "Add name: my-model (lower-case letters, digits and '-'): it becomes the Service name,"
                            + " the model.aibrix.ai/name label and --served-model-name."));
    if (!Names.isServiceName(name)) {
      String suggestion =
          name.toLowerCase(Locale.ROOT)
              .replaceAll("[^a-z0-9-]+", "-")
              .replaceAll("^[^a-z]+", "")
              .replaceAll("-+$", "");
      throw entry.errorAt(
          "name",
          "model name '" + printable(name) + "' is not a valid DNS-1123 name.",
          (Names.isServiceName(suggestion) ? "Did you mean '" + suggestion + "'? " : "")
              + "Use at most 63 lower-case letters, digits and '-', starting with a letter and"
              + " ending with a letter or digit, e.g. llama-8b-instruct.");
    }
    String hfModel =
        model
            .string("hfModel")
            .orElseThrow(
                () ->
                    entry.errorAt(
                        "hfModel",
                        "model '" + name + "' needs an 'hfModel'.",
                        "Add hfModel: the Hugging Face id or path vLLM loads, e.g. meta-llama/Llama-3.1-8B-Instruct."));
    if (hfModel.isBlank() || hfModel.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw model.errorAt(
          "hfModel",
          "hfModel of '" + name + "' is empty or has control characters.",
          "Give the Hugging Face id, e.g. meta-llama/Llama-3.1-8B-Instruct.");
    }
    String image = readImage(model, name);
    long replicas = range(model, "replicas", 1, 0, 10_000);
    long maxModelLen = range(model, "maxModelLen", 8192, 1, 10_000_000);
    long gpus = range(model, "gpus", 1, 1, 64);
    long servingPort = range(model, "servingPort", 8000, 1, 65535);
    if (servingPort == contract.eventPort() || servingPort == contract.replayPort()) {
      throw model.errorAt(
          "servingPort",
          "servingPort " + servingPort + " collides with the gateway's fixed KV-event ports.",
          "Use another port, e.g. 8000.");
    }
    ConfigMode mode = readMode(model);
    String aibrixVersion =
        model.string("aibrixVersion").orElse(contract.newestAibrixRelease().toString());
    if (!Version.isVersion(aibrixVersion)) {
      throw model.errorAt(
          "aibrixVersion",
          "aibrixVersion '" + printable(aibrixVersion) + "' is not a release number.",
          "Use e.g. v0.5.0.");
    }
    KvEventsSpec kv = readKvEvents(model.section("kvEvents"));
    if (kv.enabled() && contract.gatewayEnvFor(Version.parse(aibrixVersion)) == null) {
      throw model.errorAt(
          "aibrixVersion",
          "KV events need AIBrix "
              + contract.gatewayEnvByRelease().get(0).from()
              + " or later; model '"
              + name
              + "' says aibrixVersion "
              + aibrixVersion
              + ".",
          "Raise aibrixVersion or set kvEvents.enabled: false.");
    }
    if (kv.enabled() && !contract.aibrix().decodesArrayEvents(Version.parse(aibrixVersion))) {
      throw model.errorAt(
          "aibrixVersion",
          "AIBrix "
              + aibrixVersion
              + "'s gateway cannot decode the KV events vLLM sends (it reads msgpack maps of its"
              + " own layout; vLLM sends arrays), so model '"
              + name
              + "' would publish events the gateway drops. AIBrix decodes them from "
              + contract.aibrix().arrayEventsDecodedFrom()
              + " (AIBrix #1848).",
          "Upgrade AIBrix and set aibrixVersion: "
              + contract.aibrix().arrayEventsDecodedFrom()
              + " or later, or set kvEvents.enabled: false.");
    }
    PodSettings pod = PodSettingsReader.read(model);
    if (pod.loraEnabled() && servingPort != ModelAdapterRule.ENGINE_PORT) {
      throw model.errorAt(
          "servingPort",
          "model '"
              + name
              + "' enables LoRA adapters, which AIBrix's ModelAdapter controller loads by calling"
              + " vLLM on port "
              + ModelAdapterRule.ENGINE_PORT
              + " (its runtime sidecar too), but servingPort is "
              + servingPort
              + ".",
          "Use servingPort: "
              + ModelAdapterRule.ENGINE_PORT
              + " for a model with LoRA adapters, or set lora.enabled: false.");
    }
    AutoscalingSpec autoscaling =
        readAutoscaling(
            model.section("autoscaling"),
            replicas,
            Version.parse(aibrixVersion),
            ImageReference.parse(image).version().orElse(null));
    return new ModelSpec(
        name,
        hfModel,
        image,
        replicas,
        maxModelLen,
        gpus,
        servingPort,
        mode,
        aibrixVersion,
        kv,
        autoscaling,
        pod);
  }

  private String readImage(LayeredMapping model, String name) throws InvalidInputException {
    String recommended = contract.vllm().recommendedImage();
    String image = model.string("image").orElse(recommended);
    ImageReference reference = ImageReference.parse(image);
    if (reference == null) {
      throw model.errorAt(
          "image",
          "image '" + printable(image) + "' of '" + name + "' is not a valid image reference.",
          "Use e.g. " + recommended + ".");
    }
    Version first = contract.firstKvEventsRelease();
    if (reference.version().isPresent() && reference.version().get().compareTo(first) < 0) {
      throw model.errorAt(
          "image",
          "image '"
              + image
              + "' is vLLM "
              + reference.version().get()
              + ", which predates KV-cache events (first in "
              + first
              + ").",
          "Use " + recommended + " or any release from " + first + " on.");
    }
    return image;
  }

  private static ConfigMode readMode(LayeredMapping model) throws InvalidInputException {
    String text = model.string("configMode").orElse("args");
    try {
      return ConfigMode.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw model.errorAt(
          "configMode",
          "configMode '" + printable(text) + "' is not args or env.",
          "Use 'args' (JSON in the container args) or 'env' (env entries expanded with $(VAR)).");
    }
  }

  private KvEventsSpec readKvEvents(LayeredMapping kv) throws InvalidInputException {
    kv.rejectUnknownKeys(KV_KEYS);
    boolean enabled = kv.bool("enabled").orElse(true);
    String publisher = kv.string("publisherType").orElse(contract.publisher());
    if (!publisher.equals(contract.publisher())) {
      throw kv.errorAt(
          "publisherType",
          "publisherType '" + printable(publisher) + "' publishes nothing the gateway can read.",
          "Use publisherType: " + contract.publisher() + ".");
    }
    long eventPort = range(kv, "eventPort", contract.eventPort(), 1, 65535);
    if (eventPort != contract.eventPort()) {
      throw kv.errorAt(
          "eventPort",
          "eventPort "
              + eventPort
              + " is not "
              + contract.eventPort()
              + ", the port the AIBrix gateway connects to (it is fixed in the gateway).",
          "Use eventPort: " + contract.eventPort() + ".");
    }
    Long replayPort = contract.replayPort() * 1L;
    if (kv.has("replayPort")) {
      replayPort = range(kv, "replayPort", contract.replayPort(), 1, 65535);
      if (replayPort != contract.replayPort()) {
        throw kv.errorAt(
            "replayPort",
            "replayPort "
                + replayPort
                + " is not "
                + contract.replayPort()
                + ", the port the AIBrix gateway asks for replays on.",
            "Use replayPort: " + contract.replayPort() + ".");
      }
    }
    long bufferSteps = range(kv, "bufferSteps", 10_000, 1, 100_000_000);
    long hwm = range(kv, "hwm", 100_000, 0, 100_000_000);
    String topic = kv.string("topic").orElse("kv-events");
    if (topic.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw kv.errorAt(
          "topic", "topic has control characters.", "Use a plain name, e.g. kv-events.");
    }
    return new KvEventsSpec(enabled, publisher, eventPort, replayPort, bufferSteps, topic, hwm);
  }

  private AutoscalingSpec readAutoscaling(
      LayeredMapping scaling, long replicas, Version aibrix, Version vllm)
      throws InvalidInputException {
    scaling.rejectUnknownKeys(AUTOSCALING_KEYS);
    boolean enabled = scaling.bool("enabled").orElse(false);
    String strategy = scaling.string("scalingStrategy").orElse("KPA");
    if (!Set.of("HPA", "KPA", "APA").contains(strategy)) {
      throw scaling.errorAt(
          "scalingStrategy",
          "scalingStrategy '" + printable(strategy) + "' is not HPA, KPA or APA.",
          "Use scalingStrategy: KPA.");
    }
    long min = range(scaling, "minReplicas", Math.max(1, replicas), 0, 10_000);
    long max = range(scaling, "maxReplicas", Math.max(min, 1) * 4, 1, 10_000);
    if (max < min) {
      throw scaling.errorAt(
          "maxReplicas",
          "maxReplicas " + max + " is below minReplicas " + min + ".",
          "Raise maxReplicas to at least " + min + ".");
    }
    String chosen = MetricVerdict.kvCacheMetric(contract, aibrix, vllm, null);
    String metric = scaling.string("targetMetric").orElse(null);
    if (metric == null) {
      if (chosen == null && enabled) {
        throw scaling.errorAt(
            "enabled",
            "no KV-cache metric works for AIBrix "
                + aibrix
                + " with vLLM "
                + vllm
                + ": "
                + String.join(", ", contract.aibrix().kvCacheMetrics())
                + " each read 0 there.",
            "Use an AIBrix release that maps kv_cache_usage_perc (v0.6.0 on), an image that still"
                + " emits gpu_cache_usage_perc (up to v0.10), or set targetMetric yourself, e.g."
                + " num_requests_waiting.");
      }
      metric = chosen != null ? chosen : contract.aibrix().kvCacheMetrics().get(0);
    } else if (!metric.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
      throw scaling.errorAt(
          "targetMetric",
          "targetMetric '" + printable(metric) + "' is not a metric name.",
          "Use e.g. " + contract.aibrix().kvCacheMetrics().get(0) + ".");
    } else if (enabled) {
      MetricVerdict verdict = MetricVerdict.of(contract, aibrix, vllm, metric, null);
      if (!verdict.works()) {
        throw scaling.errorAt(
            "targetMetric",
            "targetMetric '" + metric + "': " + verdict.problem() + ".",
            chosen != null
                ? "Use targetMetric: " + chosen + "."
                : "Pick a metric both AIBrix " + aibrix + " and vLLM " + vllm + " have.");
      }
    }
    String target = scaling.string("targetValue").orElse("0.5");
    if (!target.matches("[0-9]+(\\.[0-9]+)?")) {
      throw scaling.errorAt(
          "targetValue",
          "targetValue '" + printable(target) + "' is not a number.",
          "Use e.g. targetValue: \"0.5\".");
    }
    return new AutoscalingSpec(enabled, strategy, min, max, metric, target);
  }

  static long range(LayeredMapping layer, String key, long fallback, long min, long max)
      throws InvalidInputException {
    long value = layer.integer(key).orElse(fallback);
    if (value < min || value > max) {
      throw layer.errorAt(
          key,
          "'"
              + layer.child(key)
              + "' is "
              + value
              + "; it must be between "
              + min
              + " and "
              + max
              + ".",
          "Choose a value in that range.");
    }
    return value;
  }

  static String printable(String text) {
    String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
    return shown.replaceAll("\\p{Cntrl}", "?");
  }

  private static Set<String> union(Set<String> base, String extra) {
    java.util.Set<String> all = new java.util.TreeSet<>(base);
    all.add(extra);
    return Set.copyOf(all);
  }
}
