package io.github.kvchart.aibrix.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-model pod settings of the models file, the same knobs the chart's values have (README,
 * "Models file"): CPU and memory, the GPU resource name, the HF token Secret, extra vLLM flags and
 * env, scheduling, the model cache, LoRA, probes, update strategy, security contexts, labels, the
 * Service, a PodDisruptionBudget and a PodMonitor.
 *
 * @param cacheSize null when the cache is off
 * @param cacheClaim an existing PVC, or "" to create one
 * @param objects the Kubernetes objects passed through whole, by their values key ({@link
 *     #OBJECT_KEYS}); probes and strategy always hold their effective value, defaults included
 * @param podSpec pod-spec scalars that are set (priorityClassName, runtimeClassName, schedulerName,
 *     terminationGracePeriodSeconds)
 * @param shmSizeLimit the /dev/shm size limit, or "" for none
 */
public record PodSettings(
    String cpu,
    String memory,
    String gpuResourceName,
    String hfTokenSecret,
    String hfTokenKey,
    List<String> extraArgs,
    Map<String, String> env,
    Map<String, String> nodeSelector,
    boolean cacheEnabled,
    String cacheSize,
    String cacheStorageClass,
    String cacheClaim,
    boolean loraEnabled,
    Map<String, Object> objects,
    Map<String, Object> podSpec,
    Map<String, String> commonLabels,
    Map<String, String> podLabels,
    Map<String, String> podAnnotations,
    String serviceType,
    Map<String, String> serviceAnnotations,
    String shmSizeLimit,
    DisruptionBudget disruptionBudget,
    PodMonitor podMonitor) {

  /** A PodDisruptionBudget: exactly one of the two limits is non-null when enabled. */
  public record DisruptionBudget(boolean enabled, Object minAvailable, Object maxUnavailable) {}

  /** A Prometheus-operator PodMonitor for /metrics on the serving port. */
  public record PodMonitor(boolean enabled, String interval, Map<String, String> labels) {
    public PodMonitor {
      labels = copy(labels);
    }
  }

  public PodSettings {
    extraArgs = List.copyOf(extraArgs);
    env = copy(env);
    nodeSelector = copy(nodeSelector);
    objects = copy(objects);
    podSpec = copy(podSpec);
    commonLabels = copy(commonLabels);
    podLabels = copy(podLabels);
    podAnnotations = copy(podAnnotations);
    serviceAnnotations = copy(serviceAnnotations);
  }

  /** The values keys whose value is a Kubernetes object passed through whole. */
  public static final List<String> MAP_OBJECT_KEYS =
      List.of("probes", "strategy", "podSecurityContext", "securityContext", "affinity");

  /** The values keys whose value is a list of Kubernetes objects passed through whole. */
  public static final List<String> LIST_OBJECT_KEYS =
      List.of("imagePullSecrets", "envFrom", "tolerations", "topologySpreadConstraints");

  /** Both: every value passed through whole. */
  public static final List<String> OBJECT_KEYS =
      java.util.stream.Stream.concat(MAP_OBJECT_KEYS.stream(), LIST_OBJECT_KEYS.stream()).toList();

  /** Where the cache is mounted, and HF_HOME points. */
  public static final String CACHE_PATH = "/root/.cache/huggingface";

  /** vLLM's --max-loras when LoRA is on: distinct adapters in one batch (AIBrix's samples: 4). */
  public static final int MAX_LORAS = 4;

  /** The probes of the vLLM container; the startup probe allows a long model load (90 x 10 s). */
  public static Map<String, Object> defaultProbes() {
    Map<String, Object> probes = new LinkedHashMap<>();
    probes.put("startup", probe(10, 90, null));
    probes.put("readiness", probe(10, 3, null));
    probes.put("liveness", probe(30, 3, 10L));
    return probes;
  }

  /** Updates add a pod before one is taken away (GPUs are scarce and model loads slow). */
  public static Map<String, Object> defaultStrategy() {
    Map<String, Object> rolling = new LinkedHashMap<>();
    rolling.put("maxSurge", 1L);
    rolling.put("maxUnavailable", 0L);
    Map<String, Object> strategy = new LinkedHashMap<>();
    strategy.put("type", "RollingUpdate");
    strategy.put("rollingUpdate", rolling);
    return strategy;
  }

  private static Map<String, Object> probe(long period, long failures, Long timeout) {
    Map<String, Object> get = new LinkedHashMap<>();
    get.put("path", "/health");
    get.put("port", "serve");
    Map<String, Object> probe = new LinkedHashMap<>();
    probe.put("httpGet", get);
    probe.put("periodSeconds", period);
    if (timeout != null) {
      probe.put("timeoutSeconds", timeout);
    }
    probe.put("failureThreshold", failures);
    return probe;
  }

  private static <V> Map<String, V> copy(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
