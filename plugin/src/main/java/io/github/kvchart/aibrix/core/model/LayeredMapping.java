package io.github.kvchart.aibrix.core.model;

import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.yaml.MappingReader;
import java.util.Optional;
import java.util.Set;

/**
 * A model's mapping in front of the file's {@code defaults:} mapping: a key the model leaves out is
 * read from the defaults. Errors point at whichever of the two the value came from.
 */
final class LayeredMapping {
  private final MappingReader own;
  private final MappingReader fallback;
  private final MappingReader anchor;

  LayeredMapping(MappingReader own, MappingReader fallback) {
    this(own, fallback, own);
  }

  /** {@code anchor} locates errors about keys neither mapping has (it is never null). */
  private LayeredMapping(MappingReader own, MappingReader fallback, MappingReader anchor) {
    this.own = own;
    this.fallback = fallback;
    this.anchor = anchor;
  }

  void rejectUnknownKeys(Set<String> allowed) throws InvalidInputException {
    if (own != null) {
      own.rejectUnknownKeys(allowed);
    }
    if (fallback != null) {
      fallback.rejectUnknownKeys(allowed);
    }
  }

  /** The reader that holds {@code key}: the model's own, else the defaults', else the model's. */
  MappingReader source(String key) {
    if (own != null && own.has(key)) {
      return own;
    }
    if (fallback != null && fallback.has(key)) {
      return fallback;
    }
    if (own != null) {
      return own;
    }
    return fallback != null ? fallback : anchor;
  }

  boolean has(String key) {
    return (own != null && own.has(key)) || (fallback != null && fallback.has(key));
  }

  Optional<String> string(String key) throws InvalidInputException {
    return has(key) ? source(key).string(key) : Optional.empty();
  }

  Optional<Long> integer(String key) throws InvalidInputException {
    return has(key) ? source(key).integer(key) : Optional.empty();
  }

  Optional<Boolean> bool(String key) throws InvalidInputException {
    return has(key) ? source(key).bool(key) : Optional.empty();
  }

  java.util.List<String> strings(String key) throws InvalidInputException {
    return has(key) ? source(key).strings(key) : java.util.List.of();
  }

  java.util.Map<String, String> stringMap(String key) throws InvalidInputException {
    return has(key) ? source(key).stringMap(key) : java.util.Map.of();
  }

  /**
   * {@code key}'s value as plain data (see {@link MappingReader#tree}); the model's replaces the
   * defaults'.
   */
  Optional<Object> tree(String key) throws InvalidInputException {
    return has(key) ? source(key).tree(key) : Optional.empty();
  }

  /**
   * The one layer (the model's, else the defaults') that holds any of {@code keys}: values that
   * exclude each other, such as a budget's minAvailable and maxUnavailable, come from one place.
   */
  LayeredMapping layerWith(Set<String> keys) {
    if (own != null && keys.stream().anyMatch(own::has)) {
      return new LayeredMapping(own, null, own);
    }
    if (fallback != null && keys.stream().anyMatch(fallback::has)) {
      return new LayeredMapping(null, fallback, fallback);
    }
    return this;
  }

  /** The nested section {@code key}, layered the same way. */
  LayeredMapping section(String key) throws InvalidInputException {
    MappingReader ownSection = own == null ? null : own.mapping(key).orElse(null);
    MappingReader fallbackSection = fallback == null ? null : fallback.mapping(key).orElse(null);
    return new LayeredMapping(ownSection, fallbackSection, source(key));
  }

  /** An error at {@code key}'s value, wherever it came from. */
  InvalidInputException errorAt(String key, String problem, String fix) {
    return source(key).errorAt(key, problem, fix);
  }

  /** The dotted name of {@code key} in messages. */
  String child(String key) {
    return source(key).child(key);
  }
}
