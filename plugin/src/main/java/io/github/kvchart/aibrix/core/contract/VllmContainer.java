package io.github.kvchart.aibrix.core.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One container as vLLM sees it: its command and args read as flags ({@code --flag value} and
 * {@code --flag=value}, in either list), its env, and Kubernetes' $(VAR) expansion of args from
 * that env. Knows the {@code vllm serve} and {@code python -m vllm.entrypoints.openai.api_server}
 * forms.
 */
public final class VllmContainer {
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\$|\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
  private static final Pattern SHELL_SERVE = Pattern.compile("\\bvllm\\s+serve\\b");

  /** A command or args entry and where it is. */
  public record Token(String text, String pointer) {}

  /** A flag; {@code value} is null for a flag without one. */
  public record Flag(String name, String value, String pointer, String valuePointer) {}

  /** An env entry: a literal value, or one from valueFrom (which cannot be known here). */
  public record EnvEntry(String name, String value, boolean fromReference, String pointer) {}

  /** Text after $(VAR) expansion, and the referenced vars whose values are not in the manifest. */
  public record Expansion(String text, List<String> unverifiable) {}

  private final PodTemplate pod;
  private final String pointer;
  private final JsonNode node;
  private final List<Token> tokens = new ArrayList<>();
  private final Map<String, EnvEntry> env = new LinkedHashMap<>();
  private final List<Flag> flags;
  private final Map<String, Flag> lastFlag = new java.util.HashMap<>();
  private final Map<Integer, String> ports;
  private final boolean vllm;

  VllmContainer(PodTemplate pod, String pointer, JsonNode node) {
    this.pod = pod;
    this.pointer = pointer;
    this.node = node;
    for (String list : List.of("command", "args")) {
      JsonNode items = node.path(list);
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i);
        tokens.add(
            new Token(
                item.isTextual() ? item.asText() : item.toString(),
                pointer + "/" + list + "/" + i));
      }
    }
    JsonNode entries = node.path("env");
    for (int i = 0; i < entries.size(); i++) {
      JsonNode entry = entries.get(i);
      String name = entry.path("name").asText();
      boolean reference = entry.has("valueFrom");
      env.put(
          name,
          new EnvEntry(
              name,
              reference ? null : entry.path("value").asText(""),
              reference,
              pointer + "/env/" + i));
    }
    flags = List.copyOf(readFlags());
    flags.forEach(flag -> lastFlag.put(flag.name(), flag));
    ports = readPorts(node);
    vllm = detectVllm();
  }

  public PodTemplate pod() {
    return pod;
  }

  public String pointer() {
    return pointer;
  }

  public String name() {
    return node.path("name").asText();
  }

  public String image() {
    return node.path("image").asText("");
  }

  public List<Token> tokens() {
    return tokens;
  }

  public Map<String, EnvEntry> env() {
    return env;
  }

  /** Whether this container runs vLLM's OpenAI server. */
  public boolean isVllm() {
    return vllm;
  }

  private boolean detectVllm() {
    for (int i = 0; i < tokens.size(); i++) {
      String text = tokens.get(i).text();
      if (!text.contains("vllm")) {
        continue;
      }
      if (text.contains("vllm.entrypoints") || SHELL_SERVE.matcher(text).find()) {
        return true;
      }
      if ((text.equals("vllm") || text.endsWith("/vllm"))
          && i + 1 < tokens.size()
          && tokens.get(i + 1).text().equals("serve")) {
        return true;
      }
    }
    String image = image();
    int slash = image.lastIndexOf('/');
    return image.substring(slash + 1).startsWith("vllm");
  }

  /** Every {@code --flag} in command and args, in order. */
  public List<Flag> flags() {
    return flags;
  }

  private List<Flag> readFlags() {
    List<Flag> flags = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      String text = token.text();
      if (!text.startsWith("--") || text.length() == 2) {
        continue;
      }
      int equals = text.indexOf('=');
      if (equals > 0) {
        flags.add(
            new Flag(
                normalize(text.substring(0, equals)),
                text.substring(equals + 1),
                token.pointer(),
                token.pointer()));
      } else if (i + 1 < tokens.size() && !tokens.get(i + 1).text().startsWith("--")) {
        Token value = tokens.get(i + 1);
        flags.add(new Flag(normalize(text), value.text(), token.pointer(), value.pointer()));
      } else {
        flags.add(new Flag(normalize(text), null, token.pointer(), token.pointer()));
      }
    }
    return flags;
  }

  /** vLLM's spelling of a flag name: '_' becomes '-' up to the first '.' (--served_model_name). */
  static String normalize(String name) {
    int dot = name.indexOf('.');
    return dot < 0
        ? name.replace('_', '-')
        : name.substring(0, dot).replace('_', '-') + name.substring(dot);
  }

  /** Flags written in vLLM's dotted form of a JSON flag: {@code --name.key value}, in order. */
  public List<Flag> dottedFlags(String name) {
    List<Flag> dotted = new ArrayList<>();
    for (Flag flag : flags()) {
      if (flag.name().startsWith(name + ".") && flag.name().length() > name.length() + 1) {
        dotted.add(flag);
      }
    }
    return dotted;
  }

  /** The last occurrence of a flag (the one argparse keeps). */
  public Optional<Flag> flag(String name) {
    return Optional.ofNullable(lastFlag.get(name));
  }

  /**
   * Kubernetes' expansion of $(VAR) in {@code text} from this container's env; $$ is a literal $.
   */
  public Expansion expand(String text) {
    if (text.indexOf('$') < 0) {
      return new Expansion(text, List.of());
    }
    Matcher matcher = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    List<String> unverifiable = new ArrayList<>();
    while (matcher.find()) {
      String replacement = matcher.group();
      if (replacement.equals("$$")) {
        replacement = "$";
      } else {
        EnvEntry entry = env.get(matcher.group(1));
        if (entry != null && entry.fromReference()) {
          unverifiable.add(entry.name());
        } else if (entry != null) {
          replacement = entry.value();
        }
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return new Expansion(out.toString(), unverifiable);
  }

  /** The declared container ports, port number to name ("" when unnamed). */
  public Map<Integer, String> containerPorts() {
    return ports;
  }

  private static Map<Integer, String> readPorts(JsonNode node) {
    Map<Integer, String> found = new LinkedHashMap<>();
    for (JsonNode port : node.path("ports")) {
      if (port.path("containerPort").canConvertToInt()) {
        found.put(port.path("containerPort").asInt(), port.path("name").asText(""));
      }
    }
    return java.util.Collections.unmodifiableMap(found);
  }
}
