package io.github.kvchart.aibrix.core.contract.rules;

import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.contract.PodTemplate;
import io.github.kvchart.aibrix.core.contract.VllmContainer;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * model-worker-pods: AIBrix's gateway sends a model's requests to every Ready pod with the model
 * label, leaving out only Ray worker pods and a StormService's pod groups above 0 (isWorkerPod,
 * pkg/cache/informers.go). The worker pods of a LeaderWorkerSet group are neither, so a worker
 * template with the label, whose containers only join the leader (a Ray worker, {@code vllm serve
 * --headless}) and serve no API, receives requests that fail.
 */
public final class ModelWorkerPodsRule implements ContractRule {
  @Override
  public String id() {
    return "model-worker-pods";
  }

  @Override
  public String description() {
    return "The worker pods of a LeaderWorkerSet group carry the model label only when they serve"
        + " vLLM's API.";
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    String nameLabel = contract.label("name");
    for (PodTemplate pod : manifests.modelPods(contract)) {
      if (!pod.groupWorkers()
          || !pod.label(nameLabel).isTextual()
          || pod.containers().stream().anyMatch(VllmContainer::servesApi)
          || pod.containers().stream().noneMatch(VllmContainer::joinsAsWorker)) {
        continue;
      }
      String model = pod.label(nameLabel).asText();
      violations.add(
          pod.document()
              .violation(
                  pod.labelsPointer() + "/" + nameLabel.replace("/", "~1"),
                  id(),
                  severity,
                  "the worker pods of each group get label "
                      + nameLabel
                      + ": "
                      + model
                      + " from this template, but they only join the leader (a Ray worker or"
                      + " vllm serve --headless) and serve no API; AIBrix's gateway sends"
                      + " requests to every Ready pod with the label (it leaves out only Ray"
                      + " worker pods and StormService pod groups), so a share of '"
                      + model
                      + "' requests fails.",
                  "Put "
                      + nameLabel
                      + " (and the other model.aibrix.ai labels) on leaderTemplate only, and"
                      + " remove them from workerTemplate."));
    }
    return violations;
  }
}
