package io.github.kvchart.aibrix.core.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code model.aibrix.ai/config} pod annotation as AIBrix's gateway reads it (package
 * configprofiles, v0.6.0 on): Go's {@code encoding/json} into {@code {defaultProfile: string,
 * profiles: {name: {routingStrategy: string, routingConfig: any, requestsPerSecond: int64}}}},
 * where a key matches a field in any case and other keys are ignored; a text that does not decode,
 * or that has no profiles, is dropped with a log line at verbosity 4. A request without the {@code
 * config-profile} header takes {@code defaultProfile}, else the profile named "default".
 */
public final class ModelConfigProfiles {
  /**
   * What is wrong with an annotation: {@code unusable} when the gateway drops it whole, {@code
   * noDefault} when a request without the config-profile header gets no profile from it.
   */
  public record Problem(String message, boolean unusable, boolean noDefault) {
    Problem(String message, boolean unusable) {
      this(message, unusable, unusable);
    }
  }

  private static final Set<String> ROOT = Set.of("defaultprofile", "profiles");
  private static final Map<String, String> PROFILE_FIELDS =
      Map.of(
          "routingstrategy", "string",
          "routingconfig", "any",
          "requestspersecond", "int64");

  private ModelConfigProfiles() {}

  /** The problems of the annotation {@code text}, the gravest first; none when it works. */
  public static List<Problem> problems(String text) {
    List<Problem> problems = new ArrayList<>();
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      return problems; // the gateway treats it as absent
    }
    JsonNode root;
    try {
      root = Json.readWhole(trimmed);
    } catch (JsonProcessingException e) {
      problems.add(new Problem("it is not JSON (" + e.getOriginalMessage() + ")", true));
      return problems;
    }
    if (!root.isObject() && !root.isNull()) {
      problems.add(new Problem("it is not a JSON object", true));
      return problems;
    }
    JsonNode defaultProfile = field(root, "defaultprofile");
    if (!defaultProfile.isMissingNode()
        && !defaultProfile.isNull()
        && !defaultProfile.isTextual()) {
      problems.add(new Problem("defaultProfile is not a string", true));
      return problems;
    }
    JsonNode profiles = field(root, "profiles");
    if (!profiles.isMissingNode() && !profiles.isNull() && !profiles.isObject()) {
      problems.add(new Problem("profiles is not an object of named profiles", true));
      return problems;
    }
    for (var it = profiles.fields(); it.hasNext(); ) {
      var profile = it.next();
      String type = typeProblem(profile.getValue());
      if (type != null) {
        problems.add(new Problem("profile '" + profile.getKey() + "': " + type, true));
        return problems;
      }
    }
    if (profiles.isMissingNode() || profiles.isNull() || profiles.isEmpty()) {
      problems.add(new Problem("it has no profiles", true));
      return problems;
    }
    String name = defaultProfile.asText("");
    name = name.isEmpty() ? "default" : name;
    if (!profiles.has(name)) {
      problems.add(
          new Problem(
              "no profile is named '"
                  + name
                  + "', the one a request without a config-profile header takes",
              false,
              true));
    }
    unknownKeys(root, ROOT, "", problems);
    for (var it = profiles.fields(); it.hasNext(); ) {
      var profile = it.next();
      unknownKeys(
          profile.getValue(),
          PROFILE_FIELDS.keySet(),
          "profile '" + profile.getKey() + "': ",
          problems);
    }
    return problems;
  }

  /**
   * Whether a request without the config-profile header gets a routing strategy from {@code text}:
   * the gateway takes the annotation, and its default profile names a strategy.
   */
  public static boolean givesDefaultStrategy(String text) {
    if (text.isBlank() || problems(text).stream().anyMatch(Problem::noDefault)) {
      return false;
    }
    try {
      JsonNode root = Json.readWhole(text.strip());
      String name = field(root, "defaultprofile").asText("");
      JsonNode profile = field(root, "profiles").path(name.isEmpty() ? "default" : name);
      return !field(profile, "routingstrategy").asText("").isBlank();
    } catch (JsonProcessingException e) {
      return false; // problems() has said so
    }
  }

  /**
   * The routing strategy each profile names (not blank), by profile name; none when the gateway
   * drops the annotation.
   */
  public static Map<String, String> strategies(String text) {
    Map<String, String> strategies = new java.util.LinkedHashMap<>();
    if (text.isBlank() || problems(text).stream().anyMatch(Problem::unusable)) {
      return strategies;
    }
    try {
      JsonNode profiles = field(Json.readWhole(text.strip()), "profiles");
      for (var it = profiles.fields(); it.hasNext(); ) {
        var profile = it.next();
        String strategy = field(profile.getValue(), "routingstrategy").asText("");
        if (!strategy.isBlank()) {
          strategies.put(profile.getKey(), strategy);
        }
      }
    } catch (JsonProcessingException e) {
      // problems() has said so
    }
    return strategies;
  }

  /** A field of {@code node} matched as Go matches it: exact name first, else in any case. */
  private static JsonNode field(JsonNode node, String lowerName) {
    JsonNode found = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    for (var it = node.fields(); it.hasNext(); ) {
      var entry = it.next();
      if (entry.getKey().toLowerCase(Locale.ROOT).equals(lowerName)) {
        found = entry.getValue();
      }
    }
    return found;
  }

  /** Why a profile does not decode into the gateway's struct, or null. */
  private static String typeProblem(JsonNode profile) {
    if (profile.isNull()) {
      return null;
    }
    if (!profile.isObject()) {
      return "it is not an object";
    }
    JsonNode strategy = field(profile, "routingstrategy");
    if (!strategy.isMissingNode() && !strategy.isNull() && !strategy.isTextual()) {
      return "routingStrategy is not a string";
    }
    JsonNode rate = field(profile, "requestspersecond");
    if (!rate.isMissingNode()
        && !rate.isNull()
        && !(rate.isIntegralNumber() && rate.canConvertToLong())) {
      return "requestsPerSecond is not a whole number";
    }
    return null;
  }

  private static void unknownKeys(
      JsonNode node, Set<String> known, String where, List<Problem> problems) {
    for (var it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key.toLowerCase(Locale.ROOT))) {
        problems.add(new Problem(where + "the gateway ignores the key '" + key + "'", false));
      }
    }
  }
}
