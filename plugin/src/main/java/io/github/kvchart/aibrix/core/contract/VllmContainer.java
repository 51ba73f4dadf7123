package io.github.kvchart.aibrix.core.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.Json;
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
  private final List<Token> listed;
  private final List<Token> tokens;

  /** The commands of its shell script, or null when it runs none (its entries are its command). */
  private final List<List<String>> scriptCommands;

  private final Map<String, EnvEntry> env = new LinkedHashMap<>();

  /** Names the shell script reads whose values the manifest does not give, to what it wrote. */
  private final Map<String, String> opaque = new java.util.HashMap<>();

  /** Env entries the shell script reads. */
  private final java.util.Set<String> shellReferences = new java.util.HashSet<>();

  private final List<Flag> flags;
  private final Map<String, Flag> lastFlag = new java.util.HashMap<>();
  private final Map<Integer, String> ports;
  private final boolean vllm;

  VllmContainer(PodTemplate pod, String pointer, JsonNode node) {
    this.pod = pod;
    this.pointer = pointer;
    this.node = node;
    JsonNode entries = Json.items(node.path("env"));
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
    List<Token> items = new ArrayList<>();
    for (String list : List.of("command", "args")) {
      JsonNode values = Json.items(node.path(list));
      for (int i = 0; i < values.size(); i++) {
        JsonNode item = values.get(i);
        items.add(
            new Token(
                item.isTextual() ? item.asText() : item.toString(),
                pointer + "/" + list + "/" + i));
      }
    }
    this.listed = List.copyOf(items);
    Reading reading = read(listed);
    this.tokens = reading.tokens();
    this.scriptCommands = reading.scriptCommands();
    flags = List.copyOf(readFlags());
    flags.forEach(flag -> lastFlag.put(flag.name(), flag));
    ports = readPorts(node);
    vllm = detectVllm();
  }

  /** The words vLLM is started with, and every command the container runs. */
  private record Reading(List<Token> tokens, List<List<String>> scriptCommands) {}

  /**
   * The words vLLM is started with: the command and args entries, or, when they run a shell script
   * ({@code sh -c '...'}) that starts vLLM's server, the shell and its options followed by the
   * words of that server command as the shell passes them (a {@code "$@"} in it stands for the
   * entries after the script, as the shell's positional parameters). Words from the script carry
   * the script entry's pointer.
   */
  private Reading read(List<Token> items) {
    int script = ShellScript.scriptIndex(items);
    if (script < 0) {
      return new Reading(items, null);
    }
    Token source = items.get(script);
    // Kubernetes expands $(VAR) in the entry first; the shell reads what it leaves.
    String text = expand(source.text()).text();
    List<List<ShellScript.Word>> parsed = ShellScript.commands(text, env, opaque, shellReferences);
    List<List<String>> commands =
        parsed.stream().map(words -> words.stream().map(ShellScript.Word::text).toList()).toList();
    for (List<ShellScript.Word> command : parsed) {
      int start = serverStart(command);
      if (start < 0) {
        continue;
      }
      List<Token> found = new ArrayList<>(items.subList(0, script));
      for (ShellScript.Word word : command.subList(start, command.size())) {
        if (word.allArguments()) {
          found.addAll(items.subList(Math.min(script + 2, items.size()), items.size()));
        } else {
          found.add(new Token(word.text(), source.pointer()));
        }
      }
      return new Reading(List.copyOf(found), commands);
    }
    return new Reading(items, commands);
  }

  /**
   * Where vLLM's server command starts in one shell command ({@code vllm serve} or {@code python -m
   * vllm.entrypoints...}, after {@code exec}, {@code env}, assignments and the like), or -1.
   */
  private static int serverStart(List<ShellScript.Word> words) {
    int k = ShellScript.programIndex(words);
    if (k < 0) {
      return -1;
    }
    String first = words.get(k).text();
    String program = first.substring(first.lastIndexOf('/') + 1);
    if (program.equals("vllm")) {
      return k + 1 < words.size() && words.get(k + 1).text().equals("serve") ? k : -1;
    }
    if (program.startsWith("python")) {
      for (int j = k + 2; j < words.size(); j++) {
        if (words.get(j - 1).text().equals("-m")
            && words.get(j).text().startsWith("vllm.entrypoints")) {
          return k;
        }
      }
    }
    return -1;
  }

  /**
   * Whether an env entry's value reaches the command: a $(NAME) in an entry (Kubernetes expands it)
   * or a $NAME the shell script reads.
   */
  public boolean references(String name) {
    return shellReferences.contains(name)
        || listed.stream().anyMatch(t -> t.text().contains("$(" + name + ")"));
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

  /** The words vLLM is started with (see {@link #read}). */
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

  /**
   * Whether the container serves vLLM's HTTP API, as its command says ({@code vllm serve} without
   * {@code --headless}, or an entry point module): the image alone does not tell.
   */
  public boolean servesApi() {
    return startsVllm() && flag("--headless").isEmpty();
  }

  /**
   * Whether the container starts vLLM: its command says so, or it has no command and a vLLM image,
   * whose entry point is the server (vllm/vllm-openai's is {@code vllm serve}).
   */
  private boolean startsVllm() {
    return commandRunsVllm() || (node.path("command").isEmpty() && vllmImage());
  }

  private boolean vllmImage() {
    String image = image();
    return image.substring(image.lastIndexOf('/') + 1).startsWith("vllm");
  }

  /**
   * Whether the container only joins a multi-node group as a worker: it starts a Ray worker ({@code
   * ray start} without {@code --head}, or vLLM's {@code multi-node-serving.sh worker}), or runs
   * {@code vllm serve --headless}, which starts engines and no API server.
   */
  public boolean joinsAsWorker() {
    if (startsVllm()) {
      return flag("--headless").isPresent();
    }
    List<List<String>> commands =
        scriptCommands != null
            ? scriptCommands
            : List.of(listed.stream().map(Token::text).toList());
    for (List<String> words : commands) {
      for (int i = 0; i + 1 < words.size(); i++) {
        String program = words.get(i).substring(words.get(i).lastIndexOf('/') + 1);
        if ((program.equals("ray") && words.get(i + 1).equals("start") && !words.contains("--head"))
            || (program.equals("multi-node-serving.sh") && words.get(i + 1).equals("worker"))) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean detectVllm() {
    return commandRunsVllm() || vllmImage();
  }

  private boolean commandRunsVllm() {
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
    return false;
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

  /**
   * The value of a flag as vLLM receives it (after $(VAR) expansion), or null when it has none or
   * the manifest does not give it (valueFrom, a value only a shell script knows).
   */
  public String value(Flag flag) {
    if (flag.value() == null) {
      return null;
    }
    Expansion expansion = expand(flag.value());
    return expansion.unverifiable().isEmpty() ? expansion.text() : null;
  }

  /** The last occurrence of a flag (the one argparse keeps). */
  public Optional<Flag> flag(String name) {
    return Optional.ofNullable(lastFlag.get(name));
  }

  /**
   * Kubernetes' expansion of $(VAR) in {@code text} from this container's env; $$ is a literal $. A
   * valueFrom entry, or a value only a shell script knows ({@link #read}), is listed as
   * unverifiable.
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
        } else if (opaque.containsKey(matcher.group(1))) {
          unverifiable.add(opaque.get(matcher.group(1)));
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
