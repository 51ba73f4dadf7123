package io.github.kvchart.aibrix.core.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parsed --kv-events-config values by their text: a fleet repeats the same JSON in every
 * Deployment, so each distinct value is parsed once. Bounded, shared, read-only trees.
 */
final class ConfigCache {
  private static final int MAX_ENTRIES = 256;
  private static final Map<String, JsonNode> CACHE =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, JsonNode> eldest) {
              return size() > MAX_ENTRIES;
            }
          });

  private ConfigCache() {}

  static JsonNode parse(String text) throws JsonProcessingException {
    JsonNode cached = CACHE.get(text);
    if (cached != null) {
      return cached;
    }
    JsonNode parsed = Json.read(text);
    if (text.length() < 4096) {
      CACHE.put(text, parsed);
    }
    return parsed;
  }
}
