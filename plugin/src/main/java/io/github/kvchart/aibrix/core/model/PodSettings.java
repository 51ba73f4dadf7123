package io.github.kvchart.aibrix.core.model;

import java.util.List;
import java.util.Map;

/**
 * The per-model pod settings of the models file, the same knobs the chart's values have (README,
 * "Models file"): CPU and memory, the GPU resource name, the HF token Secret, extra vLLM flags and
 * env, node selection, the model cache and LoRA.
 *
 * @param cacheSize null when the cache is off
 * @param cacheClaim an existing PVC, or "" to create one
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
    boolean loraEnabled) {

  public PodSettings {
    extraArgs = List.copyOf(extraArgs);
    env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
    nodeSelector =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(nodeSelector));
  }

  /** Where the cache is mounted, and HF_HOME points. */
  public static final String CACHE_PATH = "/root/.cache/huggingface";

  /** vLLM's --max-loras when LoRA is on: distinct adapters in one batch (AIBrix's samples: 4). */
  public static final int MAX_LORAS = 4;
}
