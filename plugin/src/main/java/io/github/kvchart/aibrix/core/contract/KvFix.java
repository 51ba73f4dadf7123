package io.github.kvchart.aibrix.core.contract;

/** The exact {@code --kv-events-config} a manifest should carry, for fixes that name it. */
public final class KvFix {
  private KvFix() {}

  /** The flag with the gateway's ports and the given buffer steps and topic. */
  public static String flag(KvContract contract, long bufferSteps, String topic) {
    return KvEventsConfig.recommended(contract)
        .withBufferAndTopic(bufferSteps, topic)
        .flag(contract);
  }

  /** The recommended flag: buffer_steps 10000, hwm 100000, topic kv-events. */
  public static String defaultFlag(KvContract contract) {
    return KvEventsConfig.recommended(contract).flag(contract);
  }
}
