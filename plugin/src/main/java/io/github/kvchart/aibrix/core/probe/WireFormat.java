package io.github.kvchart.aibrix.core.probe;

/**
 * How vLLM encodes an event batch on the wire (facts section 1): msgpack arrays in field order up
 * to about v0.23, tagged msgpack maps after it (vLLM PR #42892).
 */
public enum WireFormat {
  ARRAYS("arrays"),
  MAPS("maps");

  private final String label;

  WireFormat(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
