package io.github.kvchart.aibrix.core.contract.rules;

import io.github.kvchart.aibrix.core.Digits;
import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.GatewaySettings;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.KvSubject;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.contract.PodTemplate;
import io.github.kvchart.aibrix.core.contract.VllmContainer;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * kv-tokenizer: with KV sync on, the gateway tokenizes each prompt with the model's own vLLM (its
 * remote tokenizer) and hashes the tokens into the blocks the KV events announce. Its tokenizer
 * pool (tokenizer_pool.go, AIBrix v0.4.1 to v0.7.0) takes a pod for the model only when it
 * recognises it as vLLM (isVLLMPod: label or annotation {@code model.aibrix.ai/engine: vllm}, env
 * {@code INFERENCE_ENGINE=vllm}, or a declared containerPort 8000), and calls it at {@code
 * AIBRIX_VLLM_TOKENIZER_ENDPOINT_TEMPLATE} ({@code http://%s:8000} without it). Otherwise it falls
 * back to its own character tokenizer, whose hashes never match vLLM's blocks: prefix-cache routing
 * then ignores every event, and nothing says so.
 */
public final class KvTokenizerRule implements ContractRule {
  private static final String ENGINE = "vllm";
  private static final String ENGINE_ENV = "INFERENCE_ENGINE";

  @Override
  public String id() {
    return "kv-tokenizer";
  }

  @Override
  public String description() {
    return "With KV events, the gateway's remote tokenizer recognises the pods as vLLM and calls"
        + " the port vLLM serves on.";
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    String engineLabel = contract.label("engine");
    List<GatewaySettings> gateways =
        GatewaySettings.of(manifests, contract).stream()
            .filter(s -> s.remoteTokenizer(contract))
            .toList();
    for (KvSubject subject : KvSubject.of(manifests, contract)) {
      PodTemplate pod = subject.pod();
      if (!subject.intended() || !subject.container().servesApi()) {
        continue;
      }
      if (!recognisedAsVllm(pod, engineLabel, contract.defaultServingPort())) {
        violations.add(
            pod.document()
                .violation(
                    pod.labelsPointer(),
                    id(),
                    severity,
                    "the gateway's remote tokenizer, which KV sync needs, takes only pods it"
                        + " recognises as vLLM ("
                        + engineLabel
                        + ": vllm, env INFERENCE_ENGINE=vllm, or a containerPort 8000) and these"
                        + " are none: it falls back to its own tokenizer, whose block hashes never"
                        + " match the KV events, so prefix-cache routing ignores them.",
                    "Add " + engineLabel + ": vllm to the pod template's labels."));
      }
      if (pod.vllmPortUnknown()) {
        continue;
      }
      int serving = pod.listeningPort(contract);
      for (GatewaySettings gateway : gateways) {
        String templateEnv = contract.gateway().tokenizerEndpointTemplateEnv();
        String template = gateway.values().get(templateEnv);
        int calls =
            template == null && !gateway.values().containsKey(templateEnv)
                ? contract.defaultServingPort()
                : templatePort(template);
        if (calls > 0 && calls != serving) {
          violations.add(
              pod.document()
                  .violation(
                      subject.container().pointer(),
                      id(),
                      severity,
                      "vLLM serves on "
                          + serving
                          + " but the gateway ("
                          + gateway.document().kind()
                          + " '"
                          + gateway.document().name()
                          + "') calls its remote tokenizer on port "
                          + calls
                          + (template == null ? " (" + templateEnv + " unset)" : "")
                          + ": every call fails, and the gateway's own tokenizer never matches the"
                          + " KV events.",
                      "Set "
                          + templateEnv
                          + "=http://%s:"
                          + serving
                          + " on the gateway (one port for every model with KV events), or"
                          + " serve on "
                          + calls
                          + "."));
        }
      }
    }
    return violations;
  }

  /** isVLLMPod of the tokenizer pool. */
  private static boolean recognisedAsVllm(PodTemplate pod, String engineLabel, int port) {
    if (ENGINE.equals(pod.label(engineLabel).asText(null))
        || ENGINE.equals(pod.annotation(engineLabel).asText(null))) {
      return true;
    }
    for (VllmContainer container : pod.containers()) {
      VllmContainer.EnvEntry entry = container.env().get(ENGINE_ENV);
      if ((entry != null && (entry.fromReference() || ENGINE.equals(entry.value())))
          || container.containerPorts().containsKey(port)) {
        return true; // (a value from elsewhere may say vllm)
      }
    }
    return false;
  }

  /** The port of a {@code http://%s:PORT[/...]} template, or -1 when it cannot be read. */
  static int templatePort(String template) {
    if (template == null) {
      return -1;
    }
    int host = template.indexOf("%s:");
    if (host < 0) {
      return -1;
    }
    int from = host + 3;
    int to = from;
    while (to < template.length() && Character.isDigit(template.charAt(to))) {
      to++;
    }
    return to == from ? -1 : Digits.value(template.substring(from, to), 5);
  }
}
