package io.github.kvchart.aibrix.core.contract;

import io.github.kvchart.aibrix.core.validate.ManifestDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * The documents validated together (a set of plain files, or one chart rendering), so rules can
 * look across objects: a Deployment and its Service, a NetworkPolicy and the pods it selects, a
 * PodAutoscaler and its target.
 */
public final class ManifestSet {
  private final List<ManifestDocument> documents;
  private final List<PodTemplate> podTemplates = new ArrayList<>();

  public ManifestSet(List<ManifestDocument> documents) {
    this.documents = List.copyOf(documents);
    for (ManifestDocument document : this.documents) {
      if (document.root().isObject()) {
        podTemplates.addAll(PodTemplate.of(document));
      }
    }
  }

  public List<ManifestDocument> documents() {
    return documents;
  }

  public List<ManifestDocument> ofKind(String kind) {
    return documents.stream().filter(d -> d.root().isObject() && kind.equals(d.kind())).toList();
  }

  public List<PodTemplate> podTemplates() {
    return podTemplates;
  }

  /** Pod templates whose containers run vLLM, or that carry a model.aibrix.ai label. */
  public List<PodTemplate> modelPods(KvContract contract) {
    return podTemplates.stream()
        .filter(p -> p.containers().stream().anyMatch(VllmContainer::isVllm)
            || !p.label(contract.label("name")).isMissingNode()
            || !p.label(contract.label("kvEventsEnabled")).isMissingNode())
        .toList();
  }
}
