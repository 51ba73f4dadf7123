package io.github.kvchart.aibrix.core.model;

import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.image.Version;
import io.github.kvchart.aibrix.core.yaml.MappingReader;
import io.github.kvchart.aibrix.core.yaml.SafeYamlLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a models file (see README, "Models file") into a {@link FleetSpec}. Unknown keys, wrong
 * types and values vLLM or the gateway would not accept are errors that name the file, line and
 * key.
 */
public final class ModelsFileReader {
  /** The built-in models file: the design's two example models. */
  public static final String BUILT_IN = "io/github/kvchart/aibrix/default-models.yaml";

  private static final Set<String> TOP_KEYS =
      Set.of("chart", "namespace", "gateway", "defaults", "models");
  private static final Set<String> CHART_KEYS = Set.of("version", "appVersion");
  private static final Set<String> GATEWAY_KEYS =
      Set.of(
          "namespace", "deployment", "remoteTokenizerEndpoint", "installation", "envoyNamespace");

  private final KvContract contract;

  public ModelsFileReader(KvContract contract) {
    this.contract = contract;
  }

  /** Reads the user's models file. */
  public FleetSpec read(Path file, String displayName) throws InvalidInputException {
    return read(MappingReader.of(displayName, "", SafeYamlLoader.load(file, displayName)));
  }

  /** Reads the built-in defaults. */
  public FleetSpec readBuiltIn() {
    try (InputStream in = ModelsFileReader.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException("the plugin jar lacks " + BUILT_IN);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return read(MappingReader.of(BUILT_IN, "", SafeYamlLoader.parse(text, BUILT_IN)));
    } catch (IOException | InvalidInputException e) {
      throw new IllegalStateException("the built-in models file is invalid", e);
    }
  }

  private FleetSpec read(MappingReader root) throws InvalidInputException {
    root.rejectUnknownKeys(TOP_KEYS);
    String chartVersion = null;
    String appVersion = null;
    Optional<MappingReader> chart = root.mapping("chart");
    if (chart.isPresent()) {
      chart.get().rejectUnknownKeys(CHART_KEYS);
      chartVersion = chart.get().string("version").orElse(null);
      if (chartVersion != null && !SemVer.isValid(chartVersion)) {
        throw chart
            .get()
            .errorAt(
                "version",
                "chart.version '" + chartVersion + "' is not a SemVer 2 version.",
                "Use MAJOR.MINOR.PATCH, e.g. 1.4.0 or 1.4.0-rc.1.");
      }
      appVersion = chart.get().string("appVersion").orElse(null);
    }
    String namespace = root.string("namespace").orElse("default");
    if (!Names.isDns1123Label(namespace)) {
      throw root.errorAt(
          "namespace",
          "namespace '" + namespace + "' is not a valid namespace name.",
          "Use lower-case letters, digits and '-', at most 63 characters.");
    }
    GatewaySpec gateway = readGateway(root.mapping("gateway"));

    MappingReader defaults = root.mapping("defaults").orElse(null);
    if (defaults != null) {
      defaults.rejectUnknownKeys(ModelEntryReader.DEFAULTABLE_KEYS);
    }
    List<MappingReader> entries = root.mappings("models");
    if (entries.isEmpty()) {
      throw root.errorAt(
          "models",
          "the models file lists no models.",
          "Add a 'models:' list with at least one entry that has a name and an hfModel.");
    }
    ModelEntryReader entryReader = new ModelEntryReader(contract);
    List<ModelSpec> models = new ArrayList<>();
    List<InvalidInputException> errors = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (MappingReader entry : entries) {
      try {
        ModelSpec model = entryReader.read(entry, defaults);
        if (!names.add(model.name())) {
          throw entry.errorAt(
              "name",
              "model name '" + model.name() + "' is used twice.",
              "Give every model its own name: it becomes the Service name.");
        }
        models.add(model);
      } catch (InvalidInputException e) {
        // Every model is read, so one run reports all of their mistakes.
        errors.add(e);
      }
    }
    if (!errors.isEmpty()) {
      throw InvalidInputException.combined(errors);
    }
    checkSharedAibrixVersion(entries, models);
    checkOneTokenizerPort(entries, models);
    return new FleetSpec(chartVersion, appVersion, namespace, gateway, models);
  }

  private static void checkSharedAibrixVersion(List<MappingReader> entries, List<ModelSpec> models)
      throws InvalidInputException {
    String first = models.get(0).aibrixVersion();
    for (int i = 1; i < models.size(); i++) {
      if (!Version.parse(models.get(i).aibrixVersion()).equals(Version.parse(first))) {
        throw entries
            .get(i)
            .errorAt(
                "aibrixVersion",
                "model '"
                    + models.get(i).name()
                    + "' says aibrixVersion "
                    + models.get(i).aibrixVersion()
                    + " but '"
                    + models.get(0).name()
                    + "' says "
                    + first
                    + "; one gateway serves them all.",
                "Set aibrixVersion once under 'defaults:'.");
      }
    }
  }

  /** The gateway's remote tokenizer calls one port on every pod: the KV models must share it. */
  private static void checkOneTokenizerPort(List<MappingReader> entries, List<ModelSpec> models)
      throws InvalidInputException {
    ModelSpec first = null;
    for (int i = 0; i < models.size(); i++) {
      ModelSpec model = models.get(i);
      if (!model.kvEvents().enabled()) {
        continue;
      }
      if (first == null) {
        first = model;
      } else if (model.servingPort() != first.servingPort()) {
        throw entries
            .get(i)
            .errorAt(
                "servingPort",
                "model '"
                    + model.name()
                    + "' serves on "
                    + model.servingPort()
                    + " but '"
                    + first.name()
                    + "' on "
                    + first.servingPort()
                    + "; the gateway's remote tokenizer calls one port on every KV-enabled pod.",
                "Give every model with KV events the same servingPort (set it once under"
                    + " 'defaults:').");
      }
    }
  }

  private GatewaySpec readGateway(Optional<MappingReader> section) throws InvalidInputException {
    GatewaySpec defaults = GatewaySpec.from(contract);
    if (section.isEmpty()) {
      return defaults;
    }
    MappingReader gateway = section.get();
    gateway.rejectUnknownKeys(GATEWAY_KEYS);
    String namespace = gateway.string("namespace").orElse(defaults.namespace());
    String deployment = gateway.string("deployment").orElse(defaults.deployment());
    if (!Names.isDns1123Label(namespace)) {
      throw gateway.errorAt(
          "namespace",
          "gateway.namespace '" + namespace + "' is not a valid namespace name.",
          "Use lower-case letters, digits and '-', at most 63 characters.");
    }
    if (!Names.isDns1123Subdomain(deployment)) {
      throw gateway.errorAt(
          "deployment",
          "gateway.deployment '" + deployment + "' is not a valid object name.",
          "Use lower-case letters, digits, '-' and '.'.");
    }
    String endpoint = gateway.string("remoteTokenizerEndpoint").orElse(null);
    if (endpoint != null
        && !endpoint.matches("https?://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?(/[^\\s]*)?")) {
      throw gateway.errorAt(
          "remoteTokenizerEndpoint",
          "gateway.remoteTokenizerEndpoint '" + endpoint + "' is not an http(s) URL.",
          "Use e.g. http://my-model.default.svc.cluster.local:8000.");
    }
    String installation = gateway.string("installation").orElse(GatewaySpec.ANY_INSTALLATION);
    if (!installation.equals(GatewaySpec.ANY_INSTALLATION)
        && contract.installation(installation) == null) {
      throw gateway.errorAt(
          "installation",
          "gateway.installation '"
              + installation
              + "' is not an AIBrix installation this plugin knows.",
          "Use any (admit the AIBrix pods of every installation) or one of: "
              + String.join(", ", contract.aibrix().installations().keySet())
              + ".");
    }
    String envoyNamespace = gateway.string("envoyNamespace").orElse(defaults.envoyNamespace());
    if (!Names.isDns1123Label(envoyNamespace)) {
      throw gateway.errorAt(
          "envoyNamespace",
          "gateway.envoyNamespace '" + envoyNamespace + "' is not a valid namespace name.",
          "Use lower-case letters, digits and '-', at most 63 characters.");
    }
    return new GatewaySpec(
        namespace,
        deployment,
        defaults.podLabelKey(),
        defaults.podLabelValue(),
        endpoint,
        installation,
        envoyNamespace);
  }
}
