package io.github.kvchart.aibrix.core.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.Parallel;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The documents validated together (a set of plain files, or one chart rendering), so rules can
 * look across objects: a Deployment and its Service, a NetworkPolicy and the pods it selects, a
 * PodAutoscaler and its target. Everything rules ask for is computed once per set and indexed, so
 * the cross-object rules stay linear in the number of documents. The set can be read from several
 * threads: the indexes are built in the constructor, and what depends on the contract is computed
 * once under the set's lock.
 */
public final class ManifestSet {
  private final List<ManifestDocument> documents;
  private final List<PodTemplate> podTemplates = new ArrayList<>();
  private final Map<String, List<ManifestDocument>> byKind = new HashMap<>();
  private final Map<String, ManifestDocument> byKindAndName = new HashMap<>();
  private final Map<String, ManifestDocument> byKindNamespaceAndName = new HashMap<>();
  private final Map<String, List<PodTemplate>> podsByLabel = new HashMap<>();
  private final Map<ManifestDocument, List<PodTemplate>> podsByDocument =
      new java.util.IdentityHashMap<>();
  // Computed once, on first use; volatile so that rules on other threads read them without a lock.
  private volatile List<PodTemplate> modelPods;
  private volatile List<KvSubject> subjects;
  private Map<PodTemplate, KvSubject> subjectsByPod; // written before subjects, read after it
  private volatile Map<PodTemplate, List<ManifestDocument>> services;
  private volatile List<GatewaySettings> gatewaySettings;

  /** The kinds the contract rules read; every other document is left out of the set. */
  private static final java.util.Set<String> NEEDED_KINDS =
      java.util.Set.of(
          "Deployment",
          "StatefulSet",
          "DaemonSet",
          "ReplicaSet",
          "Job",
          "CronJob",
          "Pod",
          "StormService",
          "RoleSet",
          "PodSet",
          "RayClusterFleet",
          "LeaderWorkerSet",
          "RayClusterReplicaSet",
          "RayCluster",
          "RayService",
          "RayJob",
          "Service",
          "HTTPRoute",
          "NetworkPolicy",
          "PodAutoscaler",
          "ModelAdapter",
          "Namespace");

  /**
   * Whether the contract rules read {@code document}: workloads (AIBrix's too), Services,
   * NetworkPolicies, PodAutoscalers, Namespaces, and ConfigMaps that hold AIBRIX_ settings.
   * validate keeps only these across files, so its memory grows with the models, not with the bytes
   * it reads.
   */
  public static boolean needs(ManifestDocument document) {
    if (!document.root().isObject()) {
      return false;
    }
    if (NEEDED_KINDS.contains(document.kind())) {
      return true;
    }
    if (!document.kind().equals("ConfigMap")) {
      return false;
    }
    var names = document.root().path("data").fieldNames();
    while (names.hasNext()) {
      if (names.next().startsWith("AIBRIX_")) {
        return true;
      }
    }
    return false;
  }

  public ManifestSet(List<ManifestDocument> documents) {
    this(documents, 1);
  }

  /** The set, with the documents' pod templates read on up to {@code threads} threads. */
  public ManifestSet(List<ManifestDocument> documents, int threads) {
    this.documents = List.copyOf(documents);
    List<List<PodTemplate>> templates = podTemplatesOf(this.documents, threads);
    for (int i = 0; i < this.documents.size(); i++) {
      ManifestDocument document = this.documents.get(i);
      if (!document.root().isObject()) {
        continue;
      }
      byKind.computeIfAbsent(document.kind(), k -> new ArrayList<>()).add(document);
      byKindAndName.putIfAbsent(document.kind() + "/" + document.name(), document);
      byKindNamespaceAndName.putIfAbsent(
          document.kind() + "/" + namespaceOf(document) + "/" + document.name(), document);
      List<PodTemplate> pods = templates.get(i);
      if (!pods.isEmpty()) {
        podsByDocument.put(document, pods);
      }
      for (PodTemplate pod : pods) {
        podTemplates.add(pod);
        pod.labels()
            .forEach(
                (key, value) ->
                    podsByLabel
                        .computeIfAbsent(labelKey(key, value), k -> new ArrayList<>())
                        .add(pod));
      }
    }
  }

  /** Each document's pod templates, in the documents' order, read in slices on the threads. */
  private static List<List<PodTemplate>> podTemplatesOf(
      List<ManifestDocument> documents, int threads) {
    int slices = threads <= 1 ? 1 : Math.min(documents.size(), threads * 4);
    List<List<ManifestDocument>> parts = new ArrayList<>(slices);
    for (int i = 0; i < slices; i++) {
      parts.add(
          documents.subList(documents.size() * i / slices, documents.size() * (i + 1) / slices));
    }
    try {
      List<List<PodTemplate>> all = new ArrayList<>(documents.size());
      for (List<List<PodTemplate>> part :
          Parallel.map(
              parts,
              threads,
              "aibrix-chart-contract",
              slice ->
                  slice.stream()
                      .map(d -> d.root().isObject() ? PodTemplate.of(d) : List.<PodTemplate>of())
                      .toList())) {
        all.addAll(part);
      }
      return all;
    } catch (InvalidInputException e) {
      throw new IllegalStateException("reading pod templates failed", e); // it throws none
    }
  }

  public List<ManifestDocument> documents() {
    return documents;
  }

  public List<ManifestDocument> ofKind(String kind) {
    return byKind.getOrDefault(kind, List.of());
  }

  /**
   * The workloads AIBrix's model router makes an HTTPRoute for from their own labels: Deployments,
   * RayClusterFleets and (from AIBrix v0.6.0, when its CRD is installed) LeaderWorkerSets
   * (modelrouter_controller.go, v0.4.1 to v0.7.0).
   */
  public List<ManifestDocument> routedWorkloads() {
    List<ManifestDocument> workloads = new ArrayList<>(ofKind("Deployment"));
    workloads.addAll(ofKind("RayClusterFleet"));
    workloads.addAll(ofKind("LeaderWorkerSet"));
    return workloads;
  }

  /** The first document of {@code kind} named {@code name} in {@code namespace}, or null. */
  public ManifestDocument find(String kind, String namespace, String name) {
    return byKindNamespaceAndName.get(kind + "/" + namespace + "/" + name);
  }

  /** A document's namespace: its own, else "default" (where kubectl puts it). */
  public static String namespaceOf(ManifestDocument document) {
    return document.root().path("metadata").path("namespace").asText("default");
  }

  /** The first document of {@code kind} named {@code name}, or null. */
  public ManifestDocument find(String kind, String name) {
    return byKindAndName.get(kind + "/" + name);
  }

  public List<PodTemplate> podTemplates() {
    return podTemplates;
  }

  /** The pod templates of one document of this set (the same objects rules see elsewhere). */
  public List<PodTemplate> podTemplates(ManifestDocument document) {
    return podsByDocument.getOrDefault(document, List.of());
  }

  /** The pod templates a matchLabels selector selects (an empty selector selects none here). */
  public List<PodTemplate> selectedBy(JsonNode matchLabels) {
    if (matchLabels == null || !matchLabels.isObject() || matchLabels.isEmpty()) {
      return List.of();
    }
    Set<PodTemplate> selected = new LinkedHashSet<>();
    for (PodTemplate pod : withFirstLabel(matchLabels)) {
      if (pod.selectedBy(matchLabels)) {
        selected.add(pod);
      }
    }
    return new ArrayList<>(selected);
  }

  /**
   * The pod templates a label selector can select: every one it selects, and maybe more, so the
   * caller still applies {@link io.github.kvchart.aibrix.core.netpol.LabelSelector#matches}. A
   * selector with matchLabels is looked up in the label index (one label is enough to narrow it),
   * so rules that match every policy against the pods stay linear.
   */
  public List<PodTemplate> candidates(JsonNode selector) {
    if (selector != null && selector.isObject()) {
      JsonNode matchLabels = selector.path("matchLabels");
      if (matchLabels.isObject() && !matchLabels.isEmpty()) {
        return withFirstLabel(matchLabels);
      }
    }
    return podTemplates;
  }

  /** The pod templates that carry the first label of a non-empty matchLabels (the index). */
  private List<PodTemplate> withFirstLabel(JsonNode matchLabels) {
    var first = matchLabels.fields().next();
    return podsByLabel.getOrDefault(labelKey(first.getKey(), first.getValue().asText()), List.of());
  }

  private static String labelKey(String key, String value) {
    return key + "=" + value;
  }

  /** The Services of the pod's namespace whose selector selects {@code pod} (indexed once). */
  public List<ManifestDocument> servicesSelecting(PodTemplate pod) {
    Map<PodTemplate, List<ManifestDocument>> index = services;
    return (index != null ? index : servicesIndex()).getOrDefault(pod, List.of());
  }

  private synchronized Map<PodTemplate, List<ManifestDocument>> servicesIndex() {
    if (services == null) {
      Map<PodTemplate, List<ManifestDocument>> index = new java.util.IdentityHashMap<>();
      for (ManifestDocument service : ofKind("Service")) {
        for (PodTemplate selected : selectedBy(service.root().path("spec").path("selector"))) {
          if (selected.namespace().equals(namespaceOf(service))) {
            index.computeIfAbsent(selected, p -> new ArrayList<>()).add(service);
          }
        }
      }
      services = index;
    }
    return services;
  }

  /** The AIBrix gateway's settings among the documents (found once per set). */
  public List<GatewaySettings> gatewaySettings(KvContract contract) {
    List<GatewaySettings> found = gatewaySettings;
    return found != null ? found : findGatewaySettings(contract);
  }

  private synchronized List<GatewaySettings> findGatewaySettings(KvContract contract) {
    if (gatewaySettings == null) {
      gatewaySettings = List.copyOf(GatewaySettings.find(this, contract));
    }
    return gatewaySettings;
  }

  /** Pod templates whose containers run vLLM, or that carry a model.aibrix.ai label. */
  public List<PodTemplate> modelPods(KvContract contract) {
    List<PodTemplate> found = modelPods;
    return found != null ? found : findModelPods(contract);
  }

  private synchronized List<PodTemplate> findModelPods(KvContract contract) {
    if (modelPods == null) {
      String name = contract.label("name");
      String kv = contract.label("kvEventsEnabled");
      modelPods =
          podTemplates.stream()
              .filter(
                  p ->
                      p.containers().stream().anyMatch(VllmContainer::isVllm)
                          || !p.label(name).isMissingNode()
                          || !p.label(kv).isMissingNode())
              .toList();
    }
    return modelPods;
  }

  /** The KV view of every model pod, computed once per set. */
  public List<KvSubject> subjects(KvContract contract) {
    List<KvSubject> found = subjects;
    return found != null ? found : computeSubjects(contract);
  }

  private synchronized List<KvSubject> computeSubjects(KvContract contract) {
    if (subjects == null) {
      List<KvSubject> computed = KvSubject.compute(this, contract);
      Map<PodTemplate, KvSubject> byPod = new java.util.IdentityHashMap<>();
      for (KvSubject subject : computed) {
        byPod.put(subject.pod(), subject);
      }
      subjectsByPod = byPod;
      subjects = computed;
    }
    return subjects;
  }

  /** The KV view of one pod template, or null when it is not a model pod. */
  public KvSubject subject(PodTemplate pod, KvContract contract) {
    subjects(contract);
    return subjectsByPod.get(pod);
  }
}
