package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;

/** The JSON schema of one served version of a custom resource, taken from its CRD file. */
public record CrdSchema(String apiVersion, String kind, String origin, JsonNode schema) {}
