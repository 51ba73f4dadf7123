package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;

/** null members as the API server reads them: unset. */
final class NullMembers {
  private NullMembers() {}

  /**
   * The object as the API server decodes it: a member whose value is null is unset (Go's JSON
   * decoding leaves the field at its zero value), so an optional one is accepted and a required one
   * is missing. {@code creationTimestamp: null}, an empty {@code args:} and a {@code limits:} left
   * empty by a Helm {@code if} all pass. Returns {@code node} itself when it holds no null member.
   */
  static JsonNode unset(JsonNode node) {
    if (!hasNullMember(node)) {
      return node;
    }
    if (node.isObject()) {
      com.fasterxml.jackson.databind.node.ObjectNode copy =
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      node.fields()
          .forEachRemaining(
              field -> {
                if (!field.getValue().isNull()) {
                  copy.set(field.getKey(), unset(field.getValue()));
                }
              });
      return copy;
    }
    com.fasterxml.jackson.databind.node.ArrayNode copy =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    node.forEach(item -> copy.add(unset(item)));
    return copy;
  }

  private static boolean hasNullMember(JsonNode node) {
    if (node.isObject()) {
      for (var fields = node.fields(); fields.hasNext(); ) {
        JsonNode value = fields.next().getValue();
        if (value.isNull() || hasNullMember(value)) {
          return true;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        if (hasNullMember(item)) {
          return true;
        }
      }
    }
    return false;
  }
}
