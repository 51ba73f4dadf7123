package io.github.kvchart.aibrix.core.contract;

import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.SourceLocation;
import io.github.kvchart.aibrix.core.image.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The KV-event contract (schemas/contract/kv-events-contract.yaml) read into typed values: vLLM
 * releases, the flag and its keys, non-existent flags and env vars, gateway ports, labels and the
 * gateway env names of each AIBrix release.
 */
public final class KvContract {
  /** Where the built-in contract lives on the class path. */
  public static final String BUILT_IN =
      "io/github/kvchart/aibrix/schemas/contract/kv-events-contract.yaml";

  private final Map<String, Object> data;
  private final List<GatewayEnvNames> gatewayEnv;
  private final Map<String, Map<String, String>> tables =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, String> labels = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile Map<String, UnknownFlag> unknownFlags;

  private KvContract(Map<String, Object> data, String source) throws InvalidInputException {
    this.data = data;
    List<GatewayEnvNames> names = new ArrayList<>();
    for (Object item : list(section("gateway"), "envByRelease")) {
      Map<String, Object> entry = map(item, "gateway.envByRelease[]");
      names.add(
          new GatewayEnvNames(
              text(entry, "from"),
              text(entry, "kvSyncEnabled"),
              text(entry, "useRemoteTokenizer"),
              text(entry, "tokenizerType"),
              text(entry, "remoteTokenizerEndpoint")));
    }
    names.sort(Comparator.comparing(n -> Version.parse(n.from())));
    this.gatewayEnv = List.copyOf(names);
    if (gatewayEnv.isEmpty()) {
      throw new InvalidInputException(
          SourceLocation.ofFile(source),
          "the contract lists no gateway.envByRelease entries.",
          "Add at least one entry with from, kvSyncEnabled, useRemoteTokenizer, tokenizerType and"
              + " remoteTokenizerEndpoint.");
    }
    firstKvEventsRelease();
    lastDecoderCompatibleRelease();
  }

  /** The contract shipped in the plugin. */
  public static KvContract builtIn() {
    return BuiltIn.CONTRACT;
  }

  /** The built-in contract, read once: it is immutable, and its look-up caches are thread-safe. */
  private static final class BuiltIn {
    static final KvContract CONTRACT = readBuiltIn();
  }

  private static KvContract readBuiltIn() {
    try (InputStream in = KvContract.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException("the plugin jar lacks " + BUILT_IN);
      }
      return read(new InputStreamReader(in, StandardCharsets.UTF_8), BUILT_IN);
    } catch (IOException | InvalidInputException e) {
      throw new IllegalStateException("the built-in contract is unreadable", e);
    }
  }

  /** A user's contract file. */
  public static KvContract load(Path file) throws InvalidInputException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, file.toString());
    } catch (IOException e) {
      throw new InvalidInputException(
          SourceLocation.ofFile(file.toString()),
          "cannot read the contract: " + e.getMessage(),
          "Check the aibrix-chart.contract path.",
          e);
    }
  }

  private static KvContract read(Reader reader, String source) throws InvalidInputException {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(20);
    options.setAllowDuplicateKeys(false);
    try {
      Object root = new Yaml(new SafeConstructor(options)).load(reader);
      return new KvContract(map(root, "the contract"), source);
    } catch (YAMLException | ClassCastException | IllegalArgumentException e) {
      throw new InvalidInputException(
          SourceLocation.ofFile(source),
          "is not a valid contract: " + e.getMessage(),
          "Start from the built-in schemas/contract/kv-events-contract.yaml.",
          e);
    }
  }

  public Version firstKvEventsRelease() throws InvalidInputException {
    return version("vllm", "firstKvEventsRelease");
  }

  public Version lastDecoderCompatibleRelease() throws InvalidInputException {
    return version("vllm", "lastDecoderCompatibleRelease");
  }

  public int eventPort() {
    return ((Number) section("gateway").get("eventPort")).intValue();
  }

  public int replayPort() {
    return ((Number) section("gateway").get("replayPort")).intValue();
  }

  /** A label key from the contract's labels section: name, kvEventsEnabled, port, engine. */
  public String label(String role) {
    return labels.computeIfAbsent(role, r -> String.valueOf(section("labels").get(r)));
  }

  /** The one value the KV-events label must have: the string "true". */
  public String kvEventsEnabledValue() {
    return String.valueOf(section("labels").get("kvEventsEnabledValue"));
  }

  public String kvEventsFlag() {
    return String.valueOf(section("vllm").get("kvEventsFlag"));
  }

  /** The --kv-events-config keys: name to its spec (type, enum, minimum, required, mustBe). */
  public Map<String, Map<String, Object>> configKeys() {
    Map<String, Map<String, Object>> keys = new LinkedHashMap<>();
    Object value = section("vllm").get("configKeys");
    if (value instanceof Map<?, ?> entries) {
      entries.forEach(
          (k, v) -> keys.put(String.valueOf(k), v instanceof Map<?, ?> ? castMap(v) : Map.of()));
    }
    return keys;
  }

  public String vllmSetting(String key) {
    return String.valueOf(section("vllm").get(key));
  }

  public String gatewaySetting(String key) {
    return String.valueOf(section("gateway").get(key));
  }

  /** The gateway's pod labels (app: gateway-plugins). */
  public Map<String, String> gatewayPodLabels() {
    return table("gateway", "podLabels");
  }

  /** The gateway env names for an AIBrix release, or null when it predates KV sync. */
  public GatewayEnvNames gatewayEnvFor(Version aibrix) {
    GatewayEnvNames chosen = null;
    for (GatewayEnvNames names : gatewayEnv) {
      if (Version.parse(names.from()).compareTo(aibrix) <= 0) {
        chosen = names;
      }
    }
    return chosen;
  }

  public List<GatewayEnvNames> gatewayEnvByRelease() {
    return gatewayEnv;
  }

  /** A top-level section such as "vllm", "gateway" or "labels". */
  public Map<String, Object> section(String name) {
    Object value = data.get(name);
    return value instanceof Map<?, ?> ? castMap(value) : Map.of();
  }

  /** A map-valued entry of a section, such as vllm.unknownFlags (name to replacement). */
  public Map<String, String> table(String section, String key) {
    return tables.computeIfAbsent(section + "." + key, k -> readTable(section, key));
  }

  private Map<String, String> readTable(String section, String key) {
    Map<String, String> result = new LinkedHashMap<>();
    Object value = section(section).get(key);
    if (value instanceof Map<?, ?> entries) {
      entries.forEach(
          (k, v) -> result.put(String.valueOf(k), v instanceof Map ? "" : String.valueOf(v)));
    }
    return java.util.Collections.unmodifiableMap(result);
  }

  /** Flags no vLLM release has: name to whether it was written with a value, and the fix. */
  public Map<String, UnknownFlag> unknownFlags() {
    Map<String, UnknownFlag> cached = unknownFlags;
    if (cached == null) {
      cached = java.util.Collections.unmodifiableMap(readUnknownFlags());
      unknownFlags = cached;
    }
    return cached;
  }

  private Map<String, UnknownFlag> readUnknownFlags() {
    Map<String, UnknownFlag> flags = new LinkedHashMap<>();
    Object value = section("vllm").get("unknownFlags");
    if (value instanceof Map<?, ?> entries) {
      entries.forEach(
          (name, spec) -> {
            Map<String, Object> fields = spec instanceof Map<?, ?> ? castMap(spec) : Map.of();
            flags.put(
                String.valueOf(name),
                new UnknownFlag(
                    Boolean.TRUE.equals(fields.get("takesValue")),
                    String.valueOf(fields.getOrDefault("fix", ""))));
          });
    }
    return flags;
  }

  private Version version(String section, String key) throws InvalidInputException {
    Object value = section(section).get(key);
    if (value == null || !Version.isVersion(value.toString())) {
      throw new InvalidInputException(
          null,
          "the contract's "
              + section
              + "."
              + key
              + " must be a release such as v0.9.0, not '"
              + value
              + "'.",
          "Correct the contract file.");
    }
    return Version.parse(value.toString());
  }

  private static List<?> list(Map<String, Object> section, String key) {
    Object value = section.get(key);
    return value instanceof List<?> items ? items : List.of();
  }

  private static Map<String, Object> map(Object value, String what) {
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(what + " must be a mapping");
    }
    return castMap(value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object value) {
    return (Map<String, Object>) value;
  }

  private static String text(Map<String, Object> entry, String key) {
    Object value = entry.get(key);
    if (value == null) {
      throw new IllegalArgumentException("gateway.envByRelease entry lacks '" + key + "'");
    }
    return value.toString();
  }
}
