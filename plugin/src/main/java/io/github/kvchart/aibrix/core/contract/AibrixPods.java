package io.github.kvchart.aibrix.core.contract;

import java.util.Map;

/** Where one kind of AIBrix pod runs (its namespace) and the labels it carries. */
public record AibrixPods(String namespace, Map<String, String> labels) {
  public AibrixPods {
    labels = Map.copyOf(labels);
  }
}
