package io.github.kvchart.aibrix.core.contract.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.DnsNames;
import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.contract.PodTemplate;
import io.github.kvchart.aibrix.core.contract.VllmContainer;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * model-adapter: a ModelAdapter (model.aibrix.ai) that AIBrix takes and then never loads. Read in
 * vllm-project/aibrix's modeladapter controller, v0.5.0 to v0.7.0:
 *
 * <ul>
 *   <li>its pods are listed by {@code podSelector.matchLabels} alone (getActivePodsForModelAdapter:
 *       {@code client.MatchingLabels}), so matchExpressions are ignored, and a selector without
 *       matchLabels takes every ready pod of the namespace;
 *   <li>it makes a Service named after the adapter, which needs a DNS-1035 label;
 *   <li>a pod without the {@code aibrix-runtime} sidecar container (in its template, or injected by
 *       AIBrix's webhook for the {@code model.aibrix.ai/sidecar-injection} annotation) is called
 *       directly on vLLM's port 8000 (DefaultInferenceEnginePort, BuildURLs), whatever port vLLM
 *       serves on, at {@code /v1/load_lora_adapter}, which vLLM serves only with {@code
 *       VLLM_ALLOW_RUNTIME_LORA_UPDATING} 1 or true (vllm/entrypoints/serve/lora/api_router.py) and
 *       which loads only with {@code --enable-lora}; and it passes {@code artifactURL} to vLLM as
 *       the adapter's path, turning only {@code huggingface://} into a repository id, so an s3,
 *       gcs, tos or hf URL reaches vLLM unchanged and cannot be read.
 * </ul>
 *
 * Only model pods among the documents, in the adapter's namespace, are judged.
 */
public final class ModelAdapterRule implements ContractRule {
  static final String RUNTIME_SIDECAR = "aibrix-runtime";

  /**
   * The vLLM port the controller calls on a pod without the sidecar (DefaultInferenceEnginePort),
   * and the one the injected sidecar calls (DefaultEngineEndpoint, http://localhost:8000).
   */
  public static final int ENGINE_PORT = 8000;

  static final String SIDECAR_INJECTION = "model.aibrix.ai/sidecar-injection";
  private static final List<String> RUNTIME_ONLY_SCHEMES =
      List.of("s3://", "gcs://", "tos://", "hf://");

  @Override
  public String id() {
    return "model-adapter";
  }

  @Override
  public String description() {
    return "A ModelAdapter selects its pods by matchLabels, has a Service name, and its pods"
        + " without the aibrix-runtime sidecar run vLLM on 8000 with runtime LoRA updating and"
        + " --enable-lora, for an artifact vLLM can read.";
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    for (ManifestDocument adapter : manifests.ofKind("ModelAdapter")) {
      if (!adapter.apiVersion().startsWith("model.aibrix.ai/")) {
        continue;
      }
      check(manifests, adapter, severity, violations);
    }
    return violations;
  }

  private void check(
      ManifestSet manifests,
      ManifestDocument adapter,
      Severity severity,
      List<Violation> violations) {
    if (!adapter.name().isEmpty() && !DnsNames.isDns1035Label(adapter.name())) {
      violations.add(
          adapter.violation(
              "/metadata/name",
              id(),
              severity,
              "AIBrix makes a Service named after the ModelAdapter, and '"
                  + adapter.name()
                  + "' cannot name a Service (a DNS-1035 label: lower case, digits and '-',"
                  + " starting with a letter), so the adapter never gets one.",
              "Rename the adapter, e.g. '" + DnsNames.lowerCaseName(adapter.name()) + "'."));
    }
    JsonNode selector = adapter.root().path("spec").path("podSelector");
    JsonNode matchLabels = selector.path("matchLabels");
    boolean labels = matchLabels.isObject() && !matchLabels.isEmpty();
    if (selector.isObject() && (!labels || selector.hasNonNull("matchExpressions"))) {
      violations.add(
          adapter.violation(
              selector.hasNonNull("matchExpressions")
                  ? "/spec/podSelector/matchExpressions"
                  : "/spec/podSelector",
              id(),
              severity,
              "AIBrix lists the adapter's pods by podSelector.matchLabels alone"
                  + (selector.hasNonNull("matchExpressions") ? " and ignores matchExpressions" : "")
                  + ", so it loads the adapter on every ready pod "
                  + (labels ? "its matchLabels select" : "of the namespace")
                  + ", not only the base model's.",
              "Select the base model's pods with matchLabels, e.g. {model.aibrix.ai/name:"
                  + " <base model>}."));
    }
    if (!labels) {
      return;
    }
    String namespace = ManifestSet.namespaceOf(adapter);
    String direct = null;
    for (PodTemplate pod : manifests.selectedBy(matchLabels)) {
      if (!pod.namespace().equals(namespace) || hasRuntimeSidecar(pod)) {
        continue;
      }
      VllmContainer vllm =
          pod.containers().stream()
              .filter(c -> c.isVllm() && c.servesApi() && realVllm(pod, c))
              .findFirst()
              .orElse(null);
      if (vllm != null) {
        engine(adapter, pod, vllm, severity, violations);
        direct = direct != null ? direct : pod.document().kind() + " " + pod.document().name();
      }
    }
    String url = adapter.root().path("spec").path("artifactURL").asText("");
    String scheme = RUNTIME_ONLY_SCHEMES.stream().filter(url::startsWith).findFirst().orElse(null);
    if (direct != null && scheme != null) {
      violations.add(
          adapter.violation(
              "/spec/artifactURL",
              id(),
              severity,
              "AIBrix passes artifactURL unchanged to the vLLM of "
                  + direct
                  + " (it has no aibrix-runtime sidecar), and vLLM cannot read a "
                  + scheme
                  + " URL; only huggingface:// becomes a repository id.",
              "Use huggingface://<org>/<repo> or a path in the pod, or add the aibrix-runtime"
                  + " sidecar, which downloads "
                  + scheme
                  + " artifacts."));
    }
  }

  /** What the controller's direct call to vLLM needs of the pod's engine. */
  private void engine(
      ManifestDocument adapter,
      PodTemplate pod,
      VllmContainer vllm,
      Severity severity,
      List<Violation> violations) {
    String where = pod.document().kind() + " " + pod.document().name();
    if (!pod.vllmPortUnknown() && pod.vllmPort().orElse(ENGINE_PORT) != ENGINE_PORT) {
      violations.add(
          pod.document()
              .violation(
                  vllm.flag("--port")
                      .map(f -> f.valuePointer() != null ? f.valuePointer() : f.pointer())
                      .orElse(vllm.pointer()),
                  id(),
                  severity,
                  "ModelAdapter "
                      + adapter.name()
                      + " selects these pods, but AIBrix loads an adapter by calling vLLM on port"
                      + " 8000 of a pod without the aibrix-runtime sidecar, and vLLM serves on "
                      + pod.vllmPort().getAsInt()
                      + " here.",
                  "Serve vLLM on --port 8000 (with model.aibrix.ai/port: \"8000\"), or add the"
                      + " aibrix-runtime sidecar."));
    }
    // flags a shell variable may hold, and variables a ConfigMap may set, are not judged
    boolean argsUnknown = vllm.tokens().stream().anyMatch(t -> t.text().contains("$"));
    boolean envUnknown = pod.document().root().at(vllm.pointer()).hasNonNull("envFrom");
    if (vllm.flag("--enable-lora").isEmpty() && !argsUnknown) {
      violations.add(
          pod.document()
              .violation(
                  vllm.pointer(),
                  id(),
                  severity,
                  "ModelAdapter "
                      + adapter.name()
                      + " selects "
                      + where
                      + ", whose vLLM runs without --enable-lora, so it refuses to load an"
                      + " adapter.",
                  "Add --enable-lora (and --max-loras for the adapters served at once) to vLLM's"
                      + " arguments."));
    }
    VllmContainer.EnvEntry updating = vllm.env().get("VLLM_ALLOW_RUNTIME_LORA_UPDATING");
    boolean on =
        updating != null
            && (updating.fromReference()
                || (updating.value() != null
                    && List.of("1", "true")
                        .contains(updating.value().strip().toLowerCase(Locale.ROOT))));
    if (!on && !(updating == null && envUnknown)) {
      violations.add(
          pod.document()
              .violation(
                  updating != null ? updating.pointer() : vllm.pointer(),
                  id(),
                  severity,
                  "ModelAdapter "
                      + adapter.name()
                      + " selects "
                      + where
                      + ", whose vLLM "
                      + (updating == null
                          ? "lacks VLLM_ALLOW_RUNTIME_LORA_UPDATING"
                          : "has VLLM_ALLOW_RUNTIME_LORA_UPDATING=" + updating.value())
                      + ", so it has no /v1/load_lora_adapter and AIBrix's call gets 404.",
                  "Set the env var VLLM_ALLOW_RUNTIME_LORA_UPDATING to \"true\" in vLLM's"
                      + " container."));
    }
  }

  /**
   * Whether the pod has the runtime sidecar: in its template, or injected by AIBrix's mutating
   * webhook into a Deployment or StormService annotated {@code model.aibrix.ai/sidecar-injection}
   * (deployment_webhook.go wants "true"; stormservice_webhook.go any value).
   */
  private static boolean hasRuntimeSidecar(PodTemplate pod) {
    for (JsonNode container : pod.template().path("spec").path("containers")) {
      if (RUNTIME_SIDECAR.equals(container.path("name").asText())) {
        return true;
      }
    }
    JsonNode injection =
        pod.document().root().path("metadata").path("annotations").path(SIDECAR_INJECTION);
    return switch (pod.document().kind()) {
      case "Deployment" -> injection.asText().equals("true");
      case "StormService" -> !injection.isMissingNode();
      default -> false;
    };
  }

  /**
   * Whether the container is a vLLM server: its command starts one, or it runs the vllm-openai
   * image's own entry point. An image merely named vllm-something (AIBrix's vllm-mock and
   * vllm-simulator serve the adapter API without flags) is not judged.
   */
  private static boolean realVllm(PodTemplate pod, VllmContainer container) {
    JsonNode node = pod.document().root().at(container.pointer());
    if (!node.path("command").isEmpty()) {
      return true; // isVllm() read the command
    }
    String image = container.image();
    String name = image.substring(image.lastIndexOf('/') + 1);
    return name.startsWith("vllm-openai");
  }
}
