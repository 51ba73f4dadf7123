package io.github.kvchart.aibrix.core.contract;

import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.image.Version;
import io.github.kvchart.aibrix.core.yaml.MappingReader;
import io.github.kvchart.aibrix.core.yaml.SafeYamlLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a contract file into a {@link KvContract}, checking every key at load time: a missing,
 * unknown or mistyped key, a port out of range or a release that is not a version is an error with
 * the file, line and fix, never a crash later.
 */
final class ContractReader {
  private static final Set<String> TOP =
      Set.of("contractVersion", "vllm", "gateway", "aibrix", "podAutoscalerFields", "labels");
  private static final Set<String> CONFIG_KEY =
      Set.of("type", "required", "mustBe", "enum", "minimum");
  private static final Set<String> TYPES = Set.of("string", "integer", "boolean", "null");

  private ContractReader() {}

  static KvContract load(Path file) throws InvalidInputException {
    return read(MappingReader.of(file.toString(), "", SafeYamlLoader.load(file, file.toString())));
  }

  static KvContract read(String text, String source) throws InvalidInputException {
    return read(MappingReader.of(source, "", SafeYamlLoader.parse(text, source)));
  }

  private static KvContract read(MappingReader root) throws InvalidInputException {
    root.rejectUnknownKeys(TOP);
    long contractVersion = root.requireInteger("contractVersion");
    if (contractVersion != 1) {
      throw root.errorAt(
          "contractVersion",
          "contractVersion " + contractVersion + " is not one this plugin reads.",
          "Use contractVersion: 1 (start from the built-in kv-events-contract.yaml).");
    }
    KvContract.Vllm vllm = vllm(root.requireMapping("vllm"));
    KvContract.Gateway gateway = gateway(root.requireMapping("gateway"));
    KvContract.Aibrix aibrix = aibrix(root.requireMapping("aibrix"));
    MappingReader labels = root.requireMapping("labels");
    labels.rejectUnknownKeys(
        Set.of("name", "kvEventsEnabled", "kvEventsEnabledValue", "port", "metricPort", "engine"));
    KvContract.Labels labelNames =
        new KvContract.Labels(
            labels.requireString("name"),
            labels.requireString("kvEventsEnabled"),
            labels.requireString("kvEventsEnabledValue"),
            labels.requireString("port"),
            // optional: contracts written before it was read keep loading
            labels.string("metricPort").orElse(KvContract.Labels.METRIC_PORT),
            labels.requireString("engine"));
    return new KvContract(vllm, gateway, aibrix, labelNames, root.stringMap("podAutoscalerFields"));
  }

  private static KvContract.Vllm vllm(MappingReader vllm) throws InvalidInputException {
    vllm.rejectUnknownKeys(
        Set.of(
            "firstKvEventsRelease",
            "lastDecoderCompatibleRelease",
            "recommendedImage",
            "kvEventsFlag",
            "configKeys",
            "servedModelNameFlag",
            "prefixCachingOffFlag",
            "publisherDefaultsFrom",
            "dataParallelFlags",
            "showHiddenMetricsFlag",
            "metrics",
            "unknownFlags",
            "ignoredEnv",
            "realEnv"));
    Map<String, ConfigKey> keys = new LinkedHashMap<>();
    MappingReader configKeys = vllm.requireMapping("configKeys");
    for (String name : configKeys.keys()) {
      keys.put(name, configKey(name, configKeys.requireMapping(name)));
    }
    Map<String, VllmMetric> metrics = new LinkedHashMap<>();
    Optional<MappingReader> metricSection = vllm.mapping("metrics");
    if (metricSection.isPresent()) {
      for (String name : metricSection.get().keys()) {
        MappingReader metric = metricSection.get().requireMapping(name);
        metric.rejectUnknownKeys(Set.of("since", "deprecatedIn", "hiddenFrom", "removedIn"));
        metrics.put(
            name,
            new VllmMetric(
                name,
                optionalVersion(metric, "since"),
                optionalVersion(metric, "deprecatedIn"),
                optionalVersion(metric, "hiddenFrom"),
                optionalVersion(metric, "removedIn")));
      }
    }
    Map<String, UnknownFlag> flags = new LinkedHashMap<>();
    MappingReader unknown = vllm.requireMapping("unknownFlags");
    for (String name : unknown.keys()) {
      MappingReader flag = unknown.requireMapping(name);
      flag.rejectUnknownKeys(Set.of("takesValue", "fix"));
      flags.put(
          name, new UnknownFlag(flag.bool("takesValue").orElse(false), flag.requireString("fix")));
    }
    return new KvContract.Vllm(
        version(vllm, "firstKvEventsRelease"),
        version(vllm, "lastDecoderCompatibleRelease"),
        vllm.requireString("recommendedImage"),
        vllm.requireString("kvEventsFlag"),
        java.util.Collections.unmodifiableMap(keys),
        vllm.requireString("servedModelNameFlag"),
        vllm.requireString("prefixCachingOffFlag"),
        version(vllm, "publisherDefaultsFrom"),
        List.copyOf(vllm.strings("dataParallelFlags")),
        vllm.requireString("showHiddenMetricsFlag"),
        java.util.Collections.unmodifiableMap(metrics),
        java.util.Collections.unmodifiableMap(flags),
        java.util.Collections.unmodifiableMap(vllm.stringMap("ignoredEnv")),
        List.copyOf(vllm.strings("realEnv")));
  }

  private static ConfigKey configKey(String name, MappingReader spec) throws InvalidInputException {
    spec.rejectUnknownKeys(CONFIG_KEY);
    List<String> types = spec.stringOrStrings("type");
    if (types.isEmpty()) {
      throw spec.errorAt(
          "type",
          "'" + spec.child("type") + "' is missing.",
          "Add type: string, integer, boolean or [string, \"null\"].");
    }
    for (String type : types) {
      if (!TYPES.contains(type)) {
        throw spec.errorAt(
            "type",
            "'" + spec.child("type") + "' names type '" + type + "'.",
            "Use string, integer, boolean or null.");
      }
    }
    return new ConfigKey(
        name,
        types,
        spec.bool("required").orElse(false),
        spec.strings("enum"),
        spec.integer("minimum").orElse(null),
        spec.string("mustBe").orElse(null));
  }

  private static KvContract.Gateway gateway(MappingReader gateway) throws InvalidInputException {
    gateway.rejectUnknownKeys(
        Set.of(
            "eventPort",
            "replayPort",
            "defaultServingPort",
            "namespace",
            "deployment",
            "podLabels",
            "tokenizerEndpointTemplateEnv",
            "routingStrategy",
            "firstKvSyncRelease",
            "envByRelease",
            "unknownEnv"));
    List<GatewayEnvNames> names = new ArrayList<>();
    for (MappingReader entry : gateway.mappings("envByRelease")) {
      entry.rejectUnknownKeys(
          Set.of(
              "from",
              "kvSyncEnabled",
              "useRemoteTokenizer",
              "tokenizerType",
              "remoteTokenizerEndpoint"));
      version(entry, "from");
      names.add(
          new GatewayEnvNames(
              entry.requireString("from"),
              entry.requireString("kvSyncEnabled"),
              entry.requireString("useRemoteTokenizer"),
              entry.requireString("tokenizerType"),
              entry.requireString("remoteTokenizerEndpoint")));
    }
    if (names.isEmpty()) {
      throw gateway.errorAt(
          "envByRelease",
          "the contract lists no gateway.envByRelease entries.",
          "Add at least one entry with from, kvSyncEnabled, useRemoteTokenizer, tokenizerType and"
              + " remoteTokenizerEndpoint.");
    }
    names.sort(Comparator.comparing(n -> Version.parse(n.from())));
    Map<String, String> podLabels = gateway.stringMap("podLabels");
    if (podLabels.isEmpty()) {
      throw gateway.errorAt(
          "podLabels",
          "'gateway.podLabels' is missing or empty.",
          "Add podLabels: {app: gateway-plugins}.");
    }
    return new KvContract.Gateway(
        port(gateway, "eventPort"),
        port(gateway, "replayPort"),
        port(gateway, "defaultServingPort"),
        gateway.requireString("namespace"),
        gateway.requireString("deployment"),
        java.util.Collections.unmodifiableMap(podLabels),
        gateway.requireString("tokenizerEndpointTemplateEnv"),
        gateway.requireString("routingStrategy"),
        version(gateway, "firstKvSyncRelease"),
        List.copyOf(names),
        java.util.Collections.unmodifiableMap(gateway.stringMap("unknownEnv")));
  }

  private static KvContract.Aibrix aibrix(MappingReader aibrix) throws InvalidInputException {
    aibrix.rejectUnknownKeys(
        Set.of(
            "releases",
            "installations",
            "autoscalerRegistryFrom",
            "autoscalerMetrics",
            "kvCacheMetrics",
            "mapEventsDecodedFrom",
            "arrayEventsDecodedFrom",
            "routingStrategies",
            "weightedStrategiesFrom"));
    List<Version> releases = new ArrayList<>();
    for (String release : aibrix.strings("releases")) {
      if (!Version.isVersion(release)) {
        throw aibrix.errorAt(
            "releases", "release '" + release + "' is not a version.", "Write releases as v0.7.0.");
      }
      releases.add(Version.parse(release));
    }
    if (releases.isEmpty()) {
      throw aibrix.errorAt(
          "releases",
          "'aibrix.releases' is missing or empty.",
          "List the AIBrix releases, e.g. [v0.6.0, v0.7.0].");
    }
    releases.sort(Comparator.naturalOrder());
    Map<String, Installation> installations = new LinkedHashMap<>();
    MappingReader section = aibrix.requireMapping("installations");
    for (String id : section.keys()) {
      MappingReader entry = section.requireMapping(id);
      entry.rejectUnknownKeys(
          Set.of("description", "gatewayPlugins", "controllerManager", "envoy"));
      installations.put(
          id,
          new Installation(
              id,
              entry.requireString("description"),
              pods(entry.requireMapping("gatewayPlugins")),
              pods(entry.requireMapping("controllerManager")),
              entry.isExplicitNull("envoy") ? null : pods(entry.requireMapping("envoy"))));
    }
    if (installations.isEmpty()) {
      throw aibrix.errorAt(
          "installations",
          "'aibrix.installations' is empty.",
          "Describe at least one installation.");
    }
    Map<String, AutoscalerMetric> metrics = new LinkedHashMap<>();
    MappingReader registry = aibrix.requireMapping("autoscalerMetrics");
    for (String name : registry.keys()) {
      MappingReader metric = registry.requireMapping(name);
      metric.rejectUnknownKeys(Set.of("vllm", "since", "until"));
      metrics.put(
          name,
          new AutoscalerMetric(
              name,
              metric.requireString("vllm"),
              version(metric, "since"),
              optionalVersion(metric, "until")));
    }
    List<String> kvCacheMetrics = aibrix.strings("kvCacheMetrics");
    for (String name : kvCacheMetrics) {
      if (!metrics.containsKey(name)) {
        throw aibrix.errorAt(
            "kvCacheMetrics",
            "kvCacheMetrics names '" + name + "', which autoscalerMetrics does not list.",
            "Add it to aibrix.autoscalerMetrics or remove it here.");
      }
    }
    return new KvContract.Aibrix(
        List.copyOf(releases),
        java.util.Collections.unmodifiableMap(installations),
        version(aibrix, "autoscalerRegistryFrom"),
        java.util.Collections.unmodifiableMap(metrics),
        List.copyOf(kvCacheMetrics),
        aibrix.isExplicitNull("mapEventsDecodedFrom")
            ? null
            : optionalVersion(aibrix, "mapEventsDecodedFrom"),
        optionalVersion(aibrix, "arrayEventsDecodedFrom"),
        routingStrategies(aibrix),
        optionalVersion(aibrix, "weightedStrategiesFrom"));
  }

  /** The optional map of routing strategy names to the release that brought each. */
  private static Map<String, Version> routingStrategies(MappingReader aibrix)
      throws InvalidInputException {
    Map<String, Version> strategies = new LinkedHashMap<>();
    for (var entry : aibrix.stringMap("routingStrategies").entrySet()) {
      if (!Version.isVersion(entry.getValue())) {
        throw aibrix.errorAt(
            "routingStrategies",
            "routing strategy '"
                + entry.getKey()
                + "' says it came in '"
                + entry.getValue()
                + "', which is not a release.",
            "Write it as " + entry.getKey() + ": v0.6.0.");
      }
      strategies.put(entry.getKey(), Version.parse(entry.getValue()));
    }
    return java.util.Collections.unmodifiableMap(strategies);
  }

  private static AibrixPods pods(MappingReader pods) throws InvalidInputException {
    pods.rejectUnknownKeys(Set.of("namespace", "labels"));
    Map<String, String> labels = pods.stringMap("labels");
    if (labels.isEmpty()) {
      throw pods.errorAt(
          "labels",
          "'" + pods.child("labels") + "' is missing or empty.",
          "Name the pods' labels, e.g. {app: gateway-plugins}.");
    }
    return new AibrixPods(pods.requireString("namespace"), labels);
  }

  private static int port(MappingReader section, String key) throws InvalidInputException {
    long port = section.requireInteger(key);
    if (port < 1 || port > 65535) {
      throw section.errorAt(
          key,
          "'" + section.child(key) + "' is " + port + ", not a port.",
          "Use a port from 1 to 65535.");
    }
    return (int) port;
  }

  private static Version version(MappingReader section, String key) throws InvalidInputException {
    Version version = optionalVersion(section, key);
    if (version == null) {
      throw section.errorAt(
          key,
          "'" + section.child(key) + "' is missing.",
          "Add " + key + ": a release such as v0.9.0.");
    }
    return version;
  }

  private static Version optionalVersion(MappingReader section, String key)
      throws InvalidInputException {
    Optional<String> text = section.string(key);
    if (text.isEmpty()) {
      return null;
    }
    if (!Version.isVersion(text.get())) {
      throw section.errorAt(
          key,
          "'"
              + section.child(key)
              + "' must be a release such as v0.9.0, not '"
              + text.get()
              + "'.",
          "Correct the contract file.");
    }
    return Version.parse(text.get());
  }
}
