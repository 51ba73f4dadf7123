package io.github.kvchart.aibrix.core.contract;

/**
 * One way AIBrix can be installed, with the pods that connect to a model pod.
 *
 * @param id the name users pick it by: kustomize, helm, helm-envoy-sidecar
 * @param envoy the Envoy proxy pods, or null when Envoy runs inside the gateway-plugins pods
 */
public record Installation(
    String id,
    String description,
    AibrixPods gatewayPlugins,
    AibrixPods controllerManager,
    AibrixPods envoy) {

  /** The pods that forward inference requests: Envoy's, or the gateway plugins' with a sidecar. */
  public AibrixPods requestSenders() {
    return envoy != null ? envoy : gatewayPlugins;
  }
}
