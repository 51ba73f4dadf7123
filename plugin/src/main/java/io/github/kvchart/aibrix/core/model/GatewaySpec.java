package io.github.kvchart.aibrix.core.model;

/**
 * Where the AIBrix gateway runs and how it reaches a remote tokenizer.
 *
 * @param remoteTokenizerEndpoint null to use the first KV-enabled model's Service
 */
public record GatewaySpec(
    String namespace,
    String deployment,
    String podLabelKey,
    String podLabelValue,
    String remoteTokenizerEndpoint) {

  /** The gateway as the contract records it (namespace, Deployment, pod label). */
  public static GatewaySpec from(io.github.kvchart.aibrix.core.contract.KvContract contract) {
    var label = contract.gatewayPodLabels().entrySet().iterator().next();
    return new GatewaySpec(
        contract.gateway().namespace(),
        contract.gateway().deployment(),
        label.getKey(),
        label.getValue(),
        null);
  }
}
