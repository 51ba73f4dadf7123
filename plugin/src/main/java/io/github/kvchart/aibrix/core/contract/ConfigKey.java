package io.github.kvchart.aibrix.core.contract;

import java.util.List;

/**
 * One key of vLLM's --kv-events-config JSON as the contract records it.
 *
 * @param types the JSON types allowed: string, integer, boolean, null
 * @param allowed the only string values that work, or empty for any
 * @param minimum the least number allowed, or null
 * @param mustBe the one value that works (as text), or null
 */
public record ConfigKey(
    String name,
    List<String> types,
    boolean required,
    List<String> allowed,
    Long minimum,
    String mustBe) {
  public ConfigKey {
    types = List.copyOf(types);
    allowed = List.copyOf(allowed);
  }
}
