package io.github.kvchart.aibrix.core.model;

import io.github.kvchart.aibrix.core.image.ImageReference;

/**
 * One served model: its name (label, Service and --served-model-name at once), what vLLM loads, how
 * it is deployed, and its KV-event and autoscaling settings.
 */
public record ModelSpec(
    String name,
    String hfModel,
    String image,
    long replicas,
    long maxModelLen,
    long gpus,
    long servingPort,
    ConfigMode configMode,
    String aibrixVersion,
    KvEventsSpec kvEvents,
    AutoscalingSpec autoscaling,
    PodSettings pod) {

  public ImageReference imageReference() {
    return ImageReference.parse(image);
  }
}
