package io.github.kvchart.aibrix.core.contract;

/** The AIBrix gateway-plugins Deployment (as kustomize installs it) for tests that read its env. */
public final class GatewayFixture {
  private GatewayFixture() {}

  /** A document separator and the Deployment whose container has {@code env} (flow mappings). */
  public static String deployment(String... env) {
    return tagged("v0.7.0", env);
  }

  /** The same, with the gateway-plugins image tagged {@code tag}. */
  public static String tagged(String tag, String... env) {
    StringBuilder entries = new StringBuilder();
    for (String entry : env) {
      entries.append("            - ").append(entry).append('\n');
    }
    return """
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: aibrix-gateway-plugins, namespace: aibrix-system}
        spec:
          selector: {matchLabels: {app: gateway-plugins}}
          template:
            metadata: {labels: {app: gateway-plugins}}
            spec:
              containers:
                - name: gateway-plugin
                  image: aibrix/gateway-plugins:%s
                  env:
        """
            .formatted(tag)
        + entries;
  }

  /** The AIBrix v0.5.0-and-later env that switches KV sync on with the remote tokenizer. */
  public static final String[] KV_SYNC = {
    "{name: AIBRIX_PREFIX_CACHE_KV_EVENT_SYNC_ENABLED, value: \"true\"}",
    "{name: AIBRIX_PREFIX_CACHE_USE_REMOTE_TOKENIZER, value: \"true\"}",
    "{name: AIBRIX_PREFIX_CACHE_TOKENIZER_TYPE, value: remote}",
    "{name: AIBRIX_PREFIX_CACHE_REMOTE_TOKENIZER_ENDPOINT, value: \"http://llama.default:8000\"}"
  };

  /** The same settings in AIBrix v0.4.x's names. */
  public static final String[] KV_SYNC_V04 = {
    "{name: AIBRIX_KV_EVENT_SYNC_ENABLED, value: \"true\"}",
    "{name: AIBRIX_USE_REMOTE_TOKENIZER, value: \"true\"}",
    "{name: AIBRIX_PREFIX_CACHE_TOKENIZER_TYPE, value: remote}",
    "{name: AIBRIX_REMOTE_TOKENIZER_ENDPOINT, value: \"http://llama.default:8000\"}"
  };
}
