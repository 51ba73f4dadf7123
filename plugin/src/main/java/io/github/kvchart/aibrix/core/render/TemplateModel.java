package io.github.kvchart.aibrix.core.render;

import io.github.kvchart.aibrix.core.contract.GatewayEnvNames;
import io.github.kvchart.aibrix.core.contract.Installation;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.image.Version;
import io.github.kvchart.aibrix.core.model.AutoscalingSpec;
import io.github.kvchart.aibrix.core.model.ConfigMode;
import io.github.kvchart.aibrix.core.model.FleetSpec;
import io.github.kvchart.aibrix.core.model.KvEventsSpec;
import io.github.kvchart.aibrix.core.model.ModelSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link FleetSpec} into the variables templates see: plain maps, lists, strings, numbers
 * and booleans only, so a template can read data but cannot reach Java objects. README lists them.
 */
public final class TemplateModel {
  /** The chart's name, fixed by the design. */
  public static final String CHART_NAME = "aibrix-model";

  private TemplateModel() {}

  public static Map<String, Object> of(
      FleetSpec fleet, String chartVersion, String appVersion, KvContract contract) {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put("name", CHART_NAME);
    chart.put("version", chartVersion);
    chart.put("appVersion", appVersion);
    root.put("chart", chart);

    List<Object> models = new ArrayList<>();
    List<Object> argsModels = new ArrayList<>();
    List<Object> envModels = new ArrayList<>();
    List<Object> kvModels = new ArrayList<>();
    List<Object> autoscaled = new ArrayList<>();
    List<Object> servingPorts = new ArrayList<>();
    List<Object> monitored = new ArrayList<>();
    for (ModelSpec spec : fleet.models()) {
      Map<String, Object> model = model(spec);
      models.add(model);
      (spec.configMode() == ConfigMode.ENV ? envModels : argsModels).add(model);
      if (spec.kvEvents().enabled()) {
        kvModels.add(model);
        if (!servingPorts.contains(spec.servingPort())) {
          servingPorts.add(spec.servingPort());
        }
      }
      if (spec.autoscaling().enabled()) {
        autoscaled.add(model);
      }
      if (spec.kvEvents().enabled() && spec.pod().podMonitor().enabled()) {
        monitored.add(model);
      }
    }
    root.put("models", models);
    root.put("argsModels", argsModels);
    root.put("envModels", envModels);
    root.put("kvModels", kvModels);
    root.put("autoscaledModels", autoscaled);
    root.put("kvServingPorts", servingPorts);
    root.put("monitoredModels", monitored);
    // The label the Prometheus operator gives its Prometheus pods (prometheus-operator
    // pkg/prometheus/server: app.kubernetes.io/name: prometheus): the PodMonitor's scrapers.
    root.put("prometheusPods", Map.of("app.kubernetes.io/name", "prometheus"));
    root.put("primary", models.get(0));
    root.put("namespace", fleet.namespace());
    ModelSpec kvDefault =
        fleet.models().stream()
            .filter(m -> m.kvEvents().enabled())
            .findFirst()
            .orElse(fleet.primary());
    Map<String, Object> kvDefaults = kvEvents(kvDefault.kvEvents());
    kvDefaults.put("image", kvDefault.image());
    root.put("kvDefaults", kvDefaults);
    root.put("gateway", gateway(fleet, contract));
    root.put("networkPolicy", networkPolicy(fleet, contract));
    root.put("contract", contract(contract));
    return root;
  }

  private static Map<String, Object> model(ModelSpec spec) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("name", spec.name());
    model.put("hfModel", spec.hfModel());
    model.put("image", spec.image());
    model.put("replicas", spec.replicas());
    model.put("maxModelLen", spec.maxModelLen());
    model.put("gpus", spec.gpus());
    model.put("servingPort", spec.servingPort());
    model.put("configMode", spec.configMode().id());
    model.put("aibrixVersion", spec.aibrixVersion());
    model.put("kvEvents", kvEvents(spec.kvEvents()));
    model.put("autoscaling", autoscaling(spec.autoscaling()));
    model.put("args", VllmArgs.of(spec));
    model.put("env", env(spec));
    model.put("pod", pod(spec));
    return model;
  }

  private static Map<String, Object> kvEvents(KvEventsSpec kv) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("enabled", kv.enabled());
    map.put("publisherType", kv.publisherType());
    map.put("eventPort", kv.eventPort());
    map.put("replayEnabled", kv.replayPort() != null);
    if (kv.replayPort() != null) {
      map.put("replayPort", kv.replayPort());
      map.put("replayEndpoint", kv.config().replayEndpoint());
    }
    map.put("endpoint", kv.config().endpoint());
    map.put("bufferSteps", kv.bufferSteps());
    map.put("topic", kv.topic());
    map.put("hwm", kv.hwm());
    map.put("configJson", kv.config().json());
    return map;
  }

  private static Map<String, Object> autoscaling(AutoscalingSpec scaling) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("enabled", scaling.enabled());
    map.put("scalingStrategy", scaling.scalingStrategy());
    map.put("minReplicas", scaling.minReplicas());
    map.put("maxReplicas", scaling.maxReplicas());
    map.put("targetMetric", scaling.targetMetric());
    map.put("targetValue", scaling.targetValue());
    return map;
  }

  private static Map<String, Object> pod(ModelSpec spec) {
    var pod = spec.pod();
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("cpu", pod.cpu());
    map.put("memory", pod.memory());
    map.put("gpuResourceName", pod.gpuResourceName());
    map.put("hfTokenSecret", pod.hfTokenSecret());
    map.put("hfTokenKey", pod.hfTokenKey());
    map.put("extraArgs", new ArrayList<Object>(pod.extraArgs()));
    List<Object> env = new ArrayList<>();
    pod.env().forEach((name, value) -> env.add(nameValue(name, value)));
    map.put("env", env);
    map.put("nodeSelector", pod.nodeSelector());
    map.put("cacheEnabled", pod.cacheEnabled());
    map.put("cacheSize", pod.cacheSize());
    map.put("cacheStorageClass", pod.cacheStorageClass());
    map.put("cacheClaim", pod.cacheClaim().isEmpty() ? spec.name() + "-cache" : pod.cacheClaim());
    map.put("cacheCreate", pod.cacheEnabled() && pod.cacheClaim().isEmpty());
    map.put("cachePath", io.github.kvchart.aibrix.core.model.PodSettings.CACHE_PATH);
    map.put("loraEnabled", pod.loraEnabled());
    map.put("maxLoras", (long) io.github.kvchart.aibrix.core.model.PodSettings.MAX_LORAS);
    map.put("shmSizeLimit", pod.shmSizeLimit());
    // Objects passed through whole, written with the yamlblock filter; an unset one is empty.
    for (String key : io.github.kvchart.aibrix.core.model.PodSettings.OBJECT_KEYS) {
      Object value = pod.objects().get(key);
      boolean list = io.github.kvchart.aibrix.core.model.PodSettings.LIST_OBJECT_KEYS.contains(key);
      map.put(key, value != null ? value : list ? List.of() : Map.of());
    }
    map.put("podSpec", pod.podSpec());
    map.put("commonLabels", pod.commonLabels());
    map.put("podLabels", pod.podLabels());
    map.put("podAnnotations", pod.podAnnotations());
    map.put("serviceType", pod.serviceType());
    map.put("serviceAnnotations", pod.serviceAnnotations());
    var budget = pod.disruptionBudget();
    Map<String, Object> pdb = new LinkedHashMap<>();
    pdb.put("enabled", budget.enabled());
    pdb.put("minAvailable", budget.minAvailable());
    pdb.put("maxUnavailable", budget.maxUnavailable());
    map.put("pdb", pdb);
    var monitor = pod.podMonitor();
    Map<String, Object> podMonitor = new LinkedHashMap<>();
    podMonitor.put("enabled", monitor.enabled());
    podMonitor.put("interval", monitor.interval());
    podMonitor.put("labels", monitor.labels());
    map.put("podMonitor", podMonitor);
    return map;
  }

  /** The container env of a model: the KV settings in env mode, nothing in args mode. */
  private static List<Object> env(ModelSpec spec) {
    List<Object> env = new ArrayList<>();
    if (spec.kvEvents().enabled() && spec.configMode() == ConfigMode.ENV) {
      spec.kvEvents()
          .config()
          .envEntries()
          .forEach((name, value) -> env.add(nameValue(name, value)));
    }
    return env;
  }

  private static Map<String, Object> gateway(FleetSpec fleet, KvContract contract) {
    Map<String, Object> gateway = new LinkedHashMap<>();
    gateway.put("namespace", fleet.gateway().namespace());
    gateway.put("deployment", fleet.gateway().deployment());
    gateway.put("podLabelKey", fleet.gateway().podLabelKey());
    gateway.put("podLabelValue", fleet.gateway().podLabelValue());
    gateway.put("aibrixVersion", fleet.aibrixVersion());
    String endpoint = fleet.gateway().remoteTokenizerEndpoint();
    if (endpoint == null) {
      ModelSpec tokenizer =
          fleet.models().stream()
              .filter(m -> m.kvEvents().enabled())
              .findFirst()
              .orElse(fleet.primary());
      endpoint =
          "http://"
              + tokenizer.name()
              + "."
              + fleet.namespace()
              + ".svc.cluster.local:"
              + tokenizer.servingPort();
    }
    gateway.put("remoteTokenizerEndpoint", endpoint);
    GatewayEnvNames names = contract.gatewayEnvFor(Version.parse(fleet.aibrixVersion()));
    List<Object> env = new ArrayList<>();
    if (names != null) {
      env.add(nameValue(names.kvSyncEnabled(), "true"));
      env.add(nameValue(names.useRemoteTokenizer(), "true"));
      env.add(nameValue(names.tokenizerType(), "remote"));
      env.add(nameValue(names.remoteTokenizerEndpoint(), endpoint));
    }
    fleet.models().stream()
        .filter(m -> m.kvEvents().enabled())
        .findFirst()
        .filter(m -> m.servingPort() != contract.defaultServingPort())
        .ifPresent(
            m ->
                env.add(
                    nameValue(
                        contract.gateway().tokenizerEndpointTemplateEnv(),
                        "http://%s:" + m.servingPort())));
    gateway.put("env", env);
    gateway.put("installation", fleet.gateway().installation());
    gateway.put("routingStrategy", contract.gateway().routingStrategy());
    return gateway;
  }

  /**
   * The AIBrix pods a NetworkPolicy must admit, per role, for the installation the models file
   * names (or every installation), with the models file's namespaces: each peer is a namespace and
   * a list of {key, value} labels, without duplicates.
   */
  private static Map<String, Object> networkPolicy(FleetSpec fleet, KvContract contract) {
    String chosen = fleet.gateway().installation();
    String aibrixNamespace = fleet.gateway().namespace();
    String envoyNamespace = fleet.gateway().envoyNamespace();
    List<Object> gatewayPeers = new ArrayList<>();
    List<Object> envoyPeers = new ArrayList<>();
    List<Object> managerPeers = new ArrayList<>();
    List<Object> installations = new ArrayList<>();
    for (Installation installation : contract.aibrix().installations().values()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", installation.id());
      entry.put("description", installation.description());
      entry.put("gatewayPlugins", labels(installation.gatewayPlugins().labels()));
      entry.put("controllerManager", labels(installation.controllerManager().labels()));
      entry.put("envoyAsSidecar", installation.envoy() == null);
      entry.put(
          "envoy",
          installation.envoy() == null ? List.of() : labels(installation.envoy().labels()));
      installations.add(entry);
      if (!chosen.equals("any") && !chosen.equals(installation.id())) {
        continue;
      }
      addPeer(gatewayPeers, aibrixNamespace, installation.gatewayPlugins().labels());
      addPeer(managerPeers, aibrixNamespace, installation.controllerManager().labels());
      if (installation.envoy() != null) {
        addPeer(envoyPeers, envoyNamespace, installation.envoy().labels());
      }
    }
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("installation", chosen);
    policy.put(
        "installationText",
        chosen.equals("any")
            ? String.join(", ", contract.aibrix().installations().keySet())
            : contract.installation(chosen).description());
    policy.put("aibrixNamespace", aibrixNamespace);
    policy.put("envoyNamespace", envoyNamespace);
    policy.put("installations", installations);
    policy.put("gatewayPeers", gatewayPeers);
    policy.put("envoyPeers", envoyPeers);
    policy.put("controllerManagerPeers", managerPeers);
    return policy;
  }

  private static void addPeer(List<Object> peers, String namespace, Map<String, String> labels) {
    Map<String, Object> peer = new LinkedHashMap<>();
    peer.put("namespace", namespace);
    peer.put("labels", labels(labels));
    if (!peers.contains(peer)) {
      peers.add(peer);
    }
  }

  /** Labels as a sorted list of {key, value} (templates cannot call methods on maps). */
  private static List<Object> labels(Map<String, String> labels) {
    List<Object> list = new ArrayList<>();
    new java.util.TreeMap<>(labels).forEach((key, value) -> list.add(keyValue(key, value)));
    return list;
  }

  private static Map<String, Object> keyValue(String key, String value) {
    return pair("key", key, value);
  }

  private static Map<String, Object> contract(KvContract contract) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("firstKvEventsRelease", contract.firstKvEventsRelease().toString());
    map.put("lastDecoderCompatibleRelease", contract.lastDecoderCompatibleRelease().toString());
    Version arraysFrom = contract.aibrix().arrayEventsDecodedFrom();
    map.put("arrayEventsDecodedFrom", arraysFrom == null ? "" : arraysFrom.toString());
    map.put("eventPort", (long) contract.eventPort());
    map.put("replayPort", (long) contract.replayPort());
    List<Object> valued = new ArrayList<>();
    List<Object> bare = new ArrayList<>();
    contract.unknownFlags().forEach((flag, spec) -> (spec.takesValue() ? valued : bare).add(flag));
    map.put("unknownValuedFlags", valued);
    map.put("unknownBareFlags", bare);
    map.put("ignoredEnv", new ArrayList<Object>(contract.ignoredEnv().keySet()));
    return map;
  }

  private static Map<String, Object> nameValue(String name, String value) {
    return pair("name", name, value);
  }

  /** A two-entry map, {field: name, value: value}, as templates iterate them. */
  private static Map<String, Object> pair(String field, String name, String value) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put(field, name);
    entry.put("value", value);
    return entry;
  }
}
