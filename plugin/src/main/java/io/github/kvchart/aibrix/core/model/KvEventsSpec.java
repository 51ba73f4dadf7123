package io.github.kvchart.aibrix.core.model;

import io.github.kvchart.aibrix.core.contract.KvEventsConfig;

/**
 * A model's KV-event settings under the design's names ({@code model.kvEvents.*}), mapped onto the
 * one flag vLLM really has by {@link KvEventsConfig}.
 *
 * @param replayPort null when replay is off
 */
public record KvEventsSpec(
    boolean enabled,
    String publisherType,
    long eventPort,
    Long replayPort,
    long bufferSteps,
    String topic,
    long hwm) {

  /** The {@code --kv-events-config} value these settings make. */
  public KvEventsConfig config() {
    return new KvEventsConfig(publisherType, eventPort, replayPort, bufferSteps, hwm, topic);
  }
}
