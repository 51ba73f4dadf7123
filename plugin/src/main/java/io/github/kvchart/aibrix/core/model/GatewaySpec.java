package io.github.kvchart.aibrix.core.model;

/**
 * Where the AIBrix gateway runs and how it reaches a remote tokenizer.
 *
 * @param remoteTokenizerEndpoint null to use the first KV-enabled model's Service
 */
public record GatewaySpec(
    String namespace, String deployment, String podLabelKey, String podLabelValue,
    String remoteTokenizerEndpoint) {

  public static GatewaySpec defaults() {
    return new GatewaySpec("aibrix-system", "aibrix-gateway-plugins", "app", "gateway-plugins", null);
  }
}
