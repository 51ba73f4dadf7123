package io.github.kvchart.aibrix.core.model;

import io.github.kvchart.aibrix.core.contract.Installation;
import io.github.kvchart.aibrix.core.contract.KvContract;

/**
 * Where the AIBrix gateway runs, how AIBrix was installed, and how the gateway reaches a remote
 * tokenizer.
 *
 * @param installation a contract installation id, or "any" for a NetworkPolicy that admits the
 *     AIBrix pods of every installation
 * @param aibrixNamespace where the gateway plugins and the controller manager run
 * @param envoyNamespace where the Envoy proxies run
 * @param remoteTokenizerEndpoint null to use the first KV-enabled model's Service
 */
public record GatewaySpec(
    String namespace,
    String deployment,
    String podLabelKey,
    String podLabelValue,
    String remoteTokenizerEndpoint,
    String installation,
    String envoyNamespace) {

  /** Accepts every installation. */
  public static final String ANY_INSTALLATION = "any";

  /** The gateway as the contract records it (namespace, Deployment, pod label). */
  public static GatewaySpec from(KvContract contract) {
    var label = contract.gatewayPodLabels().entrySet().iterator().next();
    return new GatewaySpec(
        contract.gateway().namespace(),
        contract.gateway().deployment(),
        label.getKey(),
        label.getValue(),
        null,
        ANY_INSTALLATION,
        defaultEnvoyNamespace(contract));
  }

  /** The namespace of the first installation that runs Envoy on its own. */
  static String defaultEnvoyNamespace(KvContract contract) {
    return contract.aibrix().installations().values().stream()
        .map(Installation::envoy)
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .map(pods -> pods.namespace())
        .orElse(contract.gateway().namespace());
  }
}
