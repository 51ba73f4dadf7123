package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which built-in apiVersion and kind a Kubernetes minor serves, and what replaces one it no longer
 * serves. Derived from the shipped minors (the first and last that serve each kind, in
 * kubernetes/index.json) plus a small table of older removals and of deprecations of APIs still
 * served (kubernetes-api-changes.json).
 */
final class ApiLifecycle {
  /** What a minor does with an apiVersion and kind. */
  record Verdict(Status status, String release, String use) {}

  enum Status {
    /** No longer served: an error. */
    REMOVED,
    /** Served, but deprecated or removed in a later shipped minor: a warning. */
    DEPRECATED,
    /** Served only from a later minor. */
    NOT_YET
  }

  private final Map<String, String[]> served = new HashMap<>();
  private final Map<String, String[]> removed = new HashMap<>();
  private final Map<String, String[]> deprecated = new HashMap<>();
  private final String newest;

  ApiLifecycle(JsonNode index, JsonNode changes) {
    index
        .path("served")
        .fields()
        .forEachRemaining(
            e ->
                served.put(
                    e.getKey(),
                    new String[] {e.getValue().get(0).asText(), e.getValue().get(1).asText()}));
    List<String> minors = new ArrayList<>();
    index.path("minors").forEach(m -> minors.add(m.asText()));
    newest = minors.isEmpty() ? "" : minors.get(minors.size() - 1);
    for (JsonNode entry : changes.path("removed")) {
      for (JsonNode kind : entry.path("kinds")) {
        removed.put(
            SchemaCatalog.key(entry.path("apiVersion").asText(), kind.asText()),
            new String[] {entry.path("removedIn").asText(), entry.path("use").asText()});
      }
    }
    for (JsonNode entry : changes.path("deprecated")) {
      for (JsonNode kind : entry.path("kinds")) {
        deprecated.put(
            SchemaCatalog.key(entry.path("apiVersion").asText(), kind.asText()),
            new String[] {entry.path("since").asText(), entry.path("use").asText()});
      }
    }
  }

  /** The verdict for a document's apiVersion and kind on {@code minor}; empty when all is well. */
  Optional<Verdict> judge(String apiVersion, String kind, String minor) {
    String key = SchemaCatalog.key(apiVersion, kind);
    String[] old = removed.get(key);
    if (old != null && compare(minor, old[0]) >= 0) {
      return Optional.of(new Verdict(Status.REMOVED, old[0], old[1]));
    }
    String[] span = served.get(key);
    if (span != null) {
      if (compare(minor, span[1]) > 0) {
        return Optional.of(
            new Verdict(Status.REMOVED, next(span[1]), replacement(apiVersion, kind, minor)));
      }
      if (compare(minor, span[0]) < 0) {
        return Optional.of(new Verdict(Status.NOT_YET, span[0], ""));
      }
      if (!span[1].equals(newest)) {
        return Optional.of(
            new Verdict(Status.DEPRECATED, next(span[1]), replacement(apiVersion, kind, newest)));
      }
    }
    String[] notice = deprecated.get(key);
    if (notice != null && compare(minor, notice[0]) >= 0) {
      return Optional.of(new Verdict(Status.DEPRECATED, notice[0], notice[1]));
    }
    return Optional.empty();
  }

  /** The same kind in the same API group, most stable version first, served by {@code minor}. */
  private String replacement(String apiVersion, String kind, String minor) {
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String best = null;
    for (Map.Entry<String, String[]> entry : served.entrySet()) {
      String[] gvk = entry.getKey().split("\\|");
      String candidateGroup = gvk[0].contains("/") ? gvk[0].substring(0, gvk[0].indexOf('/')) : "";
      if (!gvk[1].equals(kind) || !candidateGroup.equals(group) || gvk[0].equals(apiVersion)) {
        continue;
      }
      String[] span = entry.getValue();
      if (compare(minor, span[0]) < 0 || compare(minor, span[1]) > 0) {
        continue;
      }
      if (best == null || stability(gvk[0]) > stability(best)) {
        best = gvk[0];
      }
    }
    return best == null ? "" : best;
  }

  /** v1 above v1beta2 above v1beta1 above v1alpha1; a higher major above a lower one. */
  private static int stability(String apiVersion) {
    String version = apiVersion.substring(apiVersion.lastIndexOf('/') + 1);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("v([0-9]+)(?:(alpha|beta)([0-9]+))?").matcher(version);
    if (!m.matches()) {
      return 0;
    }
    int level = m.group(2) == null ? 2 : m.group(2).equals("beta") ? 1 : 0;
    int sub = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    return Integer.parseInt(m.group(1)) * 10_000 + level * 1_000 + sub;
  }

  private static String next(String minor) {
    return "1." + (Integer.parseInt(minor.substring(2)) + 1);
  }

  private static int compare(String a, String b) {
    return Integer.compare(Integer.parseInt(a.substring(2)), Integer.parseInt(b.substring(2)));
  }
}
