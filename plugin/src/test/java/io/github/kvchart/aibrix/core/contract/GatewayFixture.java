package io.github.kvchart.aibrix.core.contract;

/** The AIBrix gateway-plugins Deployment (as kustomize installs it) for tests that read its env. */
final class GatewayFixture {
  private GatewayFixture() {}

  /** A document separator and the Deployment whose container has {@code env} (flow mappings). */
  static String deployment(String... env) {
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
                  image: aibrix/gateway-plugins:v0.7.0
                  env:
        """
        + entries;
  }

  /** The AIBrix v0.5.0-and-later env that switches KV sync on with the remote tokenizer. */
  static final String[] KV_SYNC = {
    "{name: AIBRIX_PREFIX_CACHE_KV_EVENT_SYNC_ENABLED, value: \"true\"}",
    "{name: AIBRIX_PREFIX_CACHE_USE_REMOTE_TOKENIZER, value: \"true\"}",
    "{name: AIBRIX_PREFIX_CACHE_TOKENIZER_TYPE, value: remote}",
    "{name: AIBRIX_PREFIX_CACHE_REMOTE_TOKENIZER_ENDPOINT, value: \"http://llama.default:8000\"}"
  };
}
