package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * One schema failure, whichever engine found it: where (JSON pointer of the instance), which
 * keyword, the property concerned (additionalProperties, required), the instance, the schema
 * keyword's value, and the field names allowed where an unknown field was found.
 */
record SchemaProblem(
    String pointer,
    String keyword,
    String property,
    JsonNode instance,
    JsonNode keywordValue,
    String found,
    String expected,
    Set<String> knownFields,
    String message) {}
