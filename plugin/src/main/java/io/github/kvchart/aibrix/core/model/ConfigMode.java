package io.github.kvchart.aibrix.core.model;

/** Where a model's KV-event settings live in the manifest. */
public enum ConfigMode {
  /** The whole {@code --kv-events-config} JSON is written into the container args. */
  ARGS,
  /** Settings are env entries, expanded into {@code --kv-events-config} by Kubernetes' $(VAR). */
  ENV;

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
