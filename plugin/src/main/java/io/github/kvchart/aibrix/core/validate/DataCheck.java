package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.Json;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the API server refuses in the data of a v1 ConfigMap or Secret beyond the schema
 * (ValidateConfigMap and ValidateSecret in kubernetes' core validation, and the JSON decoding of
 * byte fields before them):
 *
 * <ul>
 *   <li>a key that is not a ConfigMap key: at most 253 letters, digits, '-', '_' and '.', not '.'
 *       or '..' and not starting with '..' (a Secret's stringData keys become data keys);
 *   <li>a ConfigMap key in both data and binaryData;
 *   <li>a Secret's data or a ConfigMap's binaryData value that is not base64 as Go decodes it
 *       (standard alphabet, padded, line breaks ignored);
 *   <li>more than 1 MiB of data in all (decoded bytes, a Secret's stringData over its data);
 *   <li>a Secret whose type needs keys it lacks: tls.crt and tls.key for kubernetes.io/tls,
 *       .dockerconfigjson or .dockercfg holding a JSON object for the docker types, username or
 *       password for basic-auth, a non-empty ssh-privatekey for ssh-auth, and the
 *       kubernetes.io/service-account.name annotation for a service-account token.
 * </ul>
 */
final class DataCheck {
  /** MaxSecretSize, which also bounds a ConfigMap. */
  static final int MAX_SIZE = 1024 * 1024;

  private DataCheck() {}

  /** Why {@code key} is not a ConfigMap or Secret key (IsConfigMapKey), or null. */
  static String keyProblem(String key) {
    if (key.isEmpty()) {
      return "it is empty";
    }
    if (key.length() > 253) {
      return "it has " + key.length() + " characters (at most 253)";
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_'
              || c == '.';
      if (!allowed) {
        return "a key may only hold letters, digits, '-', '_' and '.'";
      }
    }
    if (key.equals(".") || key.startsWith("..")) {
      return "it must not be '.' or start with '..'";
    }
    return null;
  }

  /** Adds the violations of a v1 ConfigMap or Secret. */
  static void check(ManifestDocument document, List<Violation> violations) {
    if (!document.apiVersion().equals("v1")) {
      return;
    }
    if (document.kind().equals("ConfigMap")) {
      configMap(document, violations);
    } else if (document.kind().equals("Secret")) {
      secret(document, violations);
    }
  }

  private static void configMap(ManifestDocument document, List<Violation> violations) {
    JsonNode root = document.root();
    JsonNode data = root.path("data");
    JsonNode binary = root.path("binaryData");
    long size = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      key(document, "/data", entry.getKey(), violations);
      if (binary.has(entry.getKey())) {
        violations.add(
            ApiSyntax.error(
                document,
                "/data/" + ApiValidation.escape(entry.getKey()),
                "key '" + entry.getKey() + "' is in both data and binaryData.",
                "Keep the key in one of them."));
      }
      if (entry.getValue().isTextual()) {
        size += ApiValidation.utf8Length(entry.getValue().asText());
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = binary.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      key(document, "/binaryData", entry.getKey(), violations);
      size += Math.max(0, decodedLength(document, "/binaryData", entry, violations));
    }
    tooLarge(document, "/data", "ConfigMap", size, violations);
  }

  private static void secret(ManifestDocument document, List<Violation> violations) {
    JsonNode root = document.root();
    JsonNode data = root.path("data");
    JsonNode strings = root.path("stringData");
    Map<String, Long> sizes = new LinkedHashMap<>();
    Map<String, String> texts = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      key(document, "/data", entry.getKey(), violations);
      long length = decodedLength(document, "/data", entry, violations);
      if (entry.getValue().isTextual()) {
        // a value that is not base64 is reported once, as such, and counts as present (-1)
        sizes.put(entry.getKey(), length);
        if (length >= 0) {
          texts.put(entry.getKey(), entry.getValue().asText());
        }
      }
    }
    Map<String, String> plain = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = strings.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      key(document, "/stringData", entry.getKey(), violations);
      if (entry.getValue().isTextual()) {
        sizes.put(entry.getKey(), ApiValidation.utf8Length(entry.getValue().asText()));
        plain.put(entry.getKey(), entry.getValue().asText());
        texts.remove(entry.getKey());
      }
    }
    long size = 0;
    for (long length : sizes.values()) {
      size += Math.max(0, length);
    }
    tooLarge(document, "/data", "Secret", size, violations);
    JsonNode type = root.path("type");
    if (type.isTextual()) {
      secretType(document, type.asText(), sizes, texts, plain, violations);
    }
  }

  private static void secretType(
      ManifestDocument document,
      String type,
      Map<String, Long> sizes,
      Map<String, String> encoded,
      Map<String, String> plain,
      List<Violation> violations) {
    List<String> missing = new ArrayList<>(2);
    switch (type) {
      case "kubernetes.io/tls" -> {
        for (String key : List.of("tls.crt", "tls.key")) {
          if (!sizes.containsKey(key)) {
            missing.add(key);
          }
        }
      }
      case "kubernetes.io/basic-auth" -> {
        if (!sizes.containsKey("username") && !sizes.containsKey("password")) {
          missing.add("username or password");
        }
      }
      case "kubernetes.io/ssh-auth" -> {
        if (sizes.getOrDefault("ssh-privatekey", 0L) == 0) {
          missing.add("ssh-privatekey (not empty)");
        }
      }
      case "kubernetes.io/dockerconfigjson", "kubernetes.io/dockercfg" -> {
        String key = type.endsWith("json") ? ".dockerconfigjson" : ".dockercfg";
        if (!sizes.containsKey(key)) {
          missing.add(key);
        } else {
          dockerConfig(document, key, encoded.get(key), plain.get(key), violations);
        }
      }
      case "kubernetes.io/service-account-token" -> {
        JsonNode name =
            document
                .root()
                .path("metadata")
                .path("annotations")
                .path("kubernetes.io/service-account.name");
        if (!name.isTextual() || name.asText().isEmpty()) {
          violations.add(
              ApiSyntax.error(
                  document,
                  "/metadata",
                  "a kubernetes.io/service-account-token Secret needs the annotation"
                      + " kubernetes.io/service-account.name; the API server refuses it without.",
                  "Add metadata.annotations: {kubernetes.io/service-account.name: <service"
                      + " account>}."));
        }
      }
      default -> {
        // Opaque and other types need nothing
      }
    }
    if (!missing.isEmpty()) {
      violations.add(
          ApiSyntax.error(
              document,
              "/type",
              "a "
                  + type
                  + " Secret needs "
                  + String.join(" and ", missing)
                  + " in data or stringData; the API server refuses it without.",
              "Add " + String.join(" and ", missing) + ", or use type: Opaque."));
    }
  }

  /** The docker config types' JSON check: the bytes must hold a JSON object (or null). */
  private static void dockerConfig(
      ManifestDocument document,
      String key,
      String encoded,
      String plain,
      List<Violation> violations) {
    String text =
        plain != null
            ? plain
            : encoded == null
                ? null
                : new String(
                    java.util.Base64.getMimeDecoder().decode(encoded),
                    java.nio.charset.StandardCharsets.UTF_8);
    if (text == null) {
      return;
    }
    boolean object;
    try {
      JsonNode json = Json.read(text);
      object = json.isObject() || json.isNull();
    } catch (java.io.IOException e) {
      object = false;
    }
    if (!object) {
      violations.add(
          ApiSyntax.error(
              document,
              (plain != null ? "/stringData/" : "/data/") + ApiValidation.escape(key),
              key + " does not hold a JSON object; the API server refuses it.",
              "Put the registry credentials there as JSON, e.g. the output of kubectl create"
                  + " secret docker-registry --dry-run=client -o yaml."));
    }
  }

  private static void key(
      ManifestDocument document, String field, String key, List<Violation> violations) {
    String problem = keyProblem(key);
    if (problem != null) {
      violations.add(
          ApiSyntax.error(
              document,
              field + "/" + ApiValidation.escape(key),
              "key '" + key + "' is refused by the API server: " + problem + ".",
              key.indexOf('/') >= 0
                  ? "Use a flat key such as '"
                      + key.substring(key.lastIndexOf('/') + 1)
                      + "'; a volume's items can mount it at a path with '/'."
                  : "Use letters, digits, '-', '_' and '.' only."));
    }
  }

  private static void tooLarge(
      ManifestDocument document, String at, String kind, long size, List<Violation> violations) {
    if (size > MAX_SIZE) {
      violations.add(
          ApiSyntax.error(
              document,
              at,
              "the "
                  + kind
                  + " holds "
                  + size
                  + " bytes of data; the API server refuses more than "
                  + MAX_SIZE
                  + " (1 MiB).",
              "Split the data over several objects, or mount it from a volume."));
    }
  }

  /**
   * The decoded length of a base64 value as Go's encoding/json decodes []byte (base64.StdEncoding:
   * padding required, '\r' and '\n' skipped, nothing after the padding), or -1 when it is not
   * base64 (reported) or not a string (the schema reports it).
   */
  private static long decodedLength(
      ManifestDocument document,
      String field,
      Map.Entry<String, JsonNode> entry,
      List<Violation> violations) {
    if (!entry.getValue().isTextual()) {
      return -1;
    }
    String text = entry.getValue().asText();
    long symbols = 0;
    int padding = 0;
    int bad = -1;
    for (int i = 0; i < text.length() && bad < 0; i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n') {
        continue;
      }
      boolean alphabet =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/';
      if (c == '=') {
        padding++;
        if (padding > 2 || (symbols + padding) % 4 == 1 || (symbols + padding) % 4 == 2) {
          bad = i;
        }
      } else if (!alphabet || padding > 0) {
        bad = i;
      } else {
        symbols++;
      }
    }
    if (bad < 0 && (symbols + padding) % 4 != 0) {
      bad = text.length();
    }
    if (bad >= 0) {
      violations.add(
          ApiSyntax.error(
              document,
              field + "/" + ApiValidation.escape(entry.getKey()),
              "the value of '"
                  + entry.getKey()
                  + "' is not base64 (at character "
                  + bad
                  + "); the API server cannot decode it.",
              field.equals("/data")
                  ? "Encode the value with base64 (echo -n VALUE | base64 -w0), or move it to"
                      + " stringData as plain text."
                  : "Encode the value with base64 (base64 -w0 FILE), or move it to data as"
                      + " plain text."));
      return -1;
    }
    return symbols / 4 * 3 + (symbols % 4 == 0 ? 0 : symbols % 4 - 1);
  }
}
