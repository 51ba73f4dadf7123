package io.github.kvchart.aibrix.core.contract;

import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.image.Version;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The KV-event contract (schemas/contract/kv-events-contract.yaml) as typed, checked values: vLLM
 * releases, the flag and its keys, non-existent flags and env vars, metrics, the gateway's ports
 * and env names, the AIBrix installations and their pods, and the labels. Read by {@link
 * ContractReader}, which refuses a missing or mistyped key with its file and line.
 */
public final class KvContract {
  /** Where the built-in contract lives on the class path. */
  public static final String BUILT_IN =
      "io/github/kvchart/aibrix/schemas/contract/kv-events-contract.yaml";

  /** The vLLM side: releases, the flag, its JSON keys, flags, env vars and metrics. */
  public record Vllm(
      Version firstKvEventsRelease,
      Version lastDecoderCompatibleRelease,
      String recommendedImage,
      String kvEventsFlag,
      Map<String, ConfigKey> configKeys,
      String servedModelNameFlag,
      String prefixCachingOffFlag,
      Version publisherDefaultsFrom,
      List<String> dataParallelFlags,
      String showHiddenMetricsFlag,
      Map<String, VllmMetric> metrics,
      Map<String, UnknownFlag> unknownFlags,
      Map<String, String> ignoredEnv,
      List<String> realEnv) {}

  /** The gateway side: fixed ports, where it runs, its env names per release. */
  public record Gateway(
      int eventPort,
      int replayPort,
      int defaultServingPort,
      String namespace,
      String deployment,
      Map<String, String> podLabels,
      String tokenizerEndpointTemplateEnv,
      String routingStrategy,
      Version firstKvSyncRelease,
      List<GatewayEnvNames> envByRelease,
      Map<String, String> unknownEnv) {}

  /** AIBrix releases, installations and the autoscaler's metric registry. */
  public record Aibrix(
      List<Version> releases,
      Map<String, Installation> installations,
      Version autoscalerRegistryFrom,
      Map<String, AutoscalerMetric> autoscalerMetrics,
      List<String> kvCacheMetrics,
      Version mapEventsDecodedFrom,
      Version arrayEventsDecodedFrom,
      Map<String, Version> routingStrategies,
      Version weightedStrategiesFrom) {

    /**
     * Why the gateway of {@code release} (null: the newest this contract knows) answers a request
     * whose routing strategy is {@code strategy} with 400, or null: a name it does not register, or
     * not yet, and from {@link #weightedStrategiesFrom} weighted items "name:weight,..." as
     * ParseMultiRouterConfig reads them. Without a strategy list in the contract, null.
     */
    public String strategyProblem(String strategy, Version release) {
      if (routingStrategies.isEmpty()) {
        return null;
      }
      Version gateway = release == null ? releases.get(releases.size() - 1) : release;
      List<String> names = new java.util.ArrayList<>();
      if (weightedStrategiesFrom != null && gateway.compareTo(weightedStrategiesFrom) >= 0) {
        for (String part : strategy.split(",", -1)) {
          String item = part.strip();
          String[] sides = item.split(":", -1);
          if (item.isEmpty() || sides.length > 2 || sides[0].isBlank()) {
            return "'" + item + "' is not a strategy name or name:weight";
          }
          if (sides.length == 2) {
            int weight;
            try {
              weight = Integer.parseInt(sides[1].strip());
            } catch (NumberFormatException e) {
              return "the weight of '" + item + "' is not a whole number";
            }
            if (weight < 0 || weight > 1_000_000) {
              return "the weight of '" + item + "' is outside 0 to 1000000";
            }
            if (weight == 0) {
              continue; // the gateway leaves the item out
            }
          }
          names.add(sides[0].strip());
        }
        if (names.isEmpty()) {
          return "every weight is 0";
        }
      } else {
        names.add(strategy);
      }
      for (String name : names) {
        Version since = routingStrategies.get(name);
        if (since == null) {
          return "'" + name + "' is not a routing strategy";
        }
        if (gateway.compareTo(since) < 0) {
          return "'" + name + "' came in AIBrix " + since;
        }
      }
      return null;
    }

    /**
     * Whether the gateway of {@code release} decodes the batches vLLM sends as msgpack arrays
     * (every release to about v0.23); v0.4.x and v0.5.x decode another, map-based layout. Null
     * release: the newest this contract knows.
     */
    public boolean decodesArrayEvents(Version release) {
      Version gateway = release == null ? releases.get(releases.size() - 1) : release;
      return arrayEventsDecodedFrom == null || gateway.compareTo(arrayEventsDecodedFrom) >= 0;
    }

    /**
     * Whether the gateway of {@code release} decodes events sent as msgpack maps (vLLM after about
     * v0.23). Null release: the newest this contract knows.
     */
    public boolean decodesMapEvents(Version release) {
      Version gateway = release == null ? releases.get(releases.size() - 1) : release;
      return mapEventsDecodedFrom != null && gateway.compareTo(mapEventsDecodedFrom) >= 0;
    }
  }

  /**
   * The model labels: name, kvEventsEnabled, port, metricPort (where the gateway reads the pod's
   * metrics), engine, and the one value "true".
   */
  public record Labels(
      String name,
      String kvEventsEnabled,
      String kvEventsEnabledValue,
      String port,
      String metricPort,
      String engine) {
    /** AIBrix's metric-port label (pkg/constants/model.go), for contracts that do not name it. */
    static final String METRIC_PORT = "model.aibrix.ai/metric-port";
  }

  private final Vllm vllm;
  private final Gateway gateway;
  private final Aibrix aibrix;
  private final Labels labels;
  private final Map<String, String> podAutoscalerFields;

  KvContract(
      Vllm vllm,
      Gateway gateway,
      Aibrix aibrix,
      Labels labels,
      Map<String, String> podAutoscalerFields) {
    this.vllm = vllm;
    this.gateway = gateway;
    this.aibrix = aibrix;
    this.labels = labels;
    this.podAutoscalerFields = Map.copyOf(podAutoscalerFields);
  }

  /** The contract shipped in the plugin. */
  public static KvContract builtIn() {
    return BuiltIn.CONTRACT;
  }

  /** The built-in contract, read once: it is immutable. */
  private static final class BuiltIn {
    static final KvContract CONTRACT = readBuiltIn();
  }

  private static KvContract readBuiltIn() {
    try (InputStream in = KvContract.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException("the plugin jar lacks " + BUILT_IN);
      }
      return ContractReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), BUILT_IN);
    } catch (IOException | InvalidInputException e) {
      throw new IllegalStateException("the built-in contract is unreadable", e);
    }
  }

  /** A user's contract file; a missing or mistyped key is an error with its file and line. */
  public static KvContract load(Path file) throws InvalidInputException {
    return ContractReader.load(file);
  }

  public Vllm vllm() {
    return vllm;
  }

  public Gateway gateway() {
    return gateway;
  }

  public Aibrix aibrix() {
    return aibrix;
  }

  public Labels labels() {
    return labels;
  }

  public Version firstKvEventsRelease() {
    return vllm.firstKvEventsRelease();
  }

  public Version lastDecoderCompatibleRelease() {
    return vllm.lastDecoderCompatibleRelease();
  }

  public int eventPort() {
    return gateway.eventPort();
  }

  public int replayPort() {
    return gateway.replayPort();
  }

  public int defaultServingPort() {
    return gateway.defaultServingPort();
  }

  /** A label key by its role: name, kvEventsEnabled, port, metricPort, engine. */
  public String label(String role) {
    return switch (role) {
      case "name" -> labels.name();
      case "kvEventsEnabled" -> labels.kvEventsEnabled();
      case "port" -> labels.port();
      case "metricPort" -> labels.metricPort();
      case "engine" -> labels.engine();
      default -> throw new IllegalArgumentException("no label role " + role);
    };
  }

  /** The one value the KV-events label must have: the string "true". */
  public String kvEventsEnabledValue() {
    return labels.kvEventsEnabledValue();
  }

  public String kvEventsFlag() {
    return vllm.kvEventsFlag();
  }

  /** The --kv-events-config keys, in contract order. */
  public Map<String, ConfigKey> configKeys() {
    return vllm.configKeys();
  }

  /** The publisher that reaches the gateway: the only value configKeys.publisher allows (zmq). */
  public String publisher() {
    ConfigKey key = vllm.configKeys().get("publisher");
    return key == null || key.allowed().isEmpty() ? "zmq" : key.allowed().get(0);
  }

  /** The gateway's pods as the contract's gateway section names them (app: gateway-plugins). */
  public Map<String, String> gatewayPodLabels() {
    return gateway.podLabels();
  }

  /** The gateway env names for an AIBrix release, or null when it predates KV sync. */
  public GatewayEnvNames gatewayEnvFor(Version release) {
    GatewayEnvNames chosen = null;
    for (GatewayEnvNames names : gateway.envByRelease()) {
      if (Version.parse(names.from()).compareTo(release) <= 0) {
        chosen = names;
      }
    }
    return chosen;
  }

  public List<GatewayEnvNames> gatewayEnvByRelease() {
    return gateway.envByRelease();
  }

  /** Flags no vLLM release has: name to whether it takes a value, and the fix. */
  public Map<String, UnknownFlag> unknownFlags() {
    return vllm.unknownFlags();
  }

  /** Env vars vLLM never reads: name to the fix. */
  public Map<String, String> ignoredEnv() {
    return vllm.ignoredEnv();
  }

  /** PodAutoscaler fields the design invented: name to the fix. */
  public Map<String, String> podAutoscalerFields() {
    return podAutoscalerFields;
  }

  /** The newest AIBrix release the contract knows (the default everywhere). */
  /**
   * The AIBrix release the gateway runs, as a user gave it (aibrix-chart.aibrixVersion); null when
   * none was given.
   */
  public static Version aibrixRelease(String text) throws InvalidInputException {
    if (text == null || text.isBlank()) {
      return null;
    }
    if (!Version.isVersion(text.trim())) {
      throw new InvalidInputException(
          null,
          "aibrix-chart.aibrixVersion '" + text + "' is not a release number.",
          "Use e.g. v0.5.0.");
    }
    return Version.parse(text.trim());
  }

  public Version newestAibrixRelease() {
    return aibrix.releases().get(aibrix.releases().size() - 1);
  }

  /**
   * Whether {@code pod} is an AIBrix gateway-plugins pod: in the gateway Deployment, or labelled as
   * one.
   */
  public boolean isGatewayPod(PodTemplate pod) {
    return pod.document().name().equals(gateway().deployment()) || isGatewayPod(pod.labels());
  }

  /**
   * Whether pods with {@code podLabels} are AIBrix gateway-plugins pods, in any installation the
   * contract knows (kustomize's app: gateway-plugins, the Helm chart's component label, ...).
   */
  public boolean isGatewayPod(Map<String, String> podLabels) {
    for (Installation installation : aibrix.installations().values()) {
      Map<String, String> labels = installation.gatewayPlugins().labels();
      if (labels.entrySet().stream()
          .allMatch(l -> l.getValue().equals(podLabels.get(l.getKey())))) {
        return true;
      }
    }
    return false;
  }

  /** An installation by id, or null. */
  public Installation installation(String id) {
    return aibrix.installations().get(id);
  }
}
