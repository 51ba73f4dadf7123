package io.github.kvchart.aibrix.core.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.Digits;
import io.github.kvchart.aibrix.core.Json;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pod template inside a workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob,
 * LeaderWorkerSet, and AIBrix's StormService, RoleSet, PodSet, RayClusterFleet and
 * RayClusterReplicaSet) or a bare Pod: its labels, containers, the role it belongs to (StormService
 * and RoleSet), and the JSON pointer where it sits in its document.
 */
public final class PodTemplate {
  private final ManifestDocument document;
  private final String pointer;
  private final JsonNode template;
  private final Map<String, String> labels;
  private final List<VllmContainer> containers;
  private final String namespace;
  private final String role;
  private final boolean groupWorkers;

  /** The API group of AIBrix's workload kinds (config/crd/orchestration in vllm-project/aibrix). */
  public static final String AIBRIX_ORCHESTRATION = "orchestration.aibrix.ai/";

  /** The API group of LeaderWorkerSet (kubernetes-sigs/lws). */
  static final String LEADER_WORKER_SET = "leaderworkerset.x-k8s.io/";

  /** Where a StormService lists its roles. */
  static final String STORM_SERVICE_ROLES = "/spec/template/spec/roles";

  /**
   * Everything rules read is computed here, so a pod template is immutable and the contract rules
   * can read it from several threads.
   */
  public PodTemplate(ManifestDocument document, String pointer, JsonNode template) {
    this(document, pointer, template, null, false, Map.of());
  }

  /**
   * {@code controllerLabels} are the labels the workload's controller puts on every pod of this
   * template over the template's own (KubeRay's node type and group, LeaderWorkerSet's set name and
   * leader index): selectors see them, as on the cluster.
   */
  private PodTemplate(
      ManifestDocument document,
      String pointer,
      JsonNode template,
      String role,
      boolean groupWorkers,
      Map<String, String> controllerLabels) {
    this.document = document;
    this.role = role;
    this.groupWorkers = groupWorkers;
    this.pointer = pointer;
    this.template = template;
    this.labels = readLabels(template, controllerLabels);
    List<VllmContainer> found = new ArrayList<>();
    JsonNode list = Json.items(template.path("spec").path("containers"));
    for (int i = 0; i < list.size(); i++) {
      found.add(new VllmContainer(this, pointer + "/spec/containers/" + i, list.get(i)));
    }
    this.containers = List.copyOf(found);
    this.namespace = ManifestSet.namespaceOf(document);
  }

  public ManifestDocument document() {
    return document;
  }

  public String pointer() {
    return pointer;
  }

  public JsonNode template() {
    return template;
  }

  /**
   * The pod templates of {@code document} (none for kinds without pods). AIBrix's kinds are read
   * where their controllers take the pods from (pods keep the template's labels: RoleSet's
   * renderStormServicePod and PodSet's createPodFromTemplate start from it, KubeRay builds Ray pods
   * from the head and worker group templates); a kind of the same name in another API group is not
   * theirs and has none.
   */
  public static List<PodTemplate> of(ManifestDocument document) {
    JsonNode root = document.root();
    List<PodTemplate> templates = new ArrayList<>();
    boolean aibrix = document.apiVersion().startsWith(AIBRIX_ORCHESTRATION);
    switch (document.kind()) {
      case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" ->
          add(templates, document, "/spec/template");
      case "CronJob" -> add(templates, document, "/spec/jobTemplate/spec/template");
      case "Pod" -> {
        if (root.path("spec").isObject()) {
          templates.add(new PodTemplate(document, "", root));
        }
      }
      case "StormService" -> {
        if (aibrix) {
          addRoles(templates, document, STORM_SERVICE_ROLES);
        }
      }
      case "RoleSet" -> {
        if (aibrix) {
          addRoles(templates, document, "/spec/roles");
        }
      }
      case "PodSet" -> {
        if (aibrix) {
          add(templates, document, "/spec/template");
        }
      }
      case "RayClusterFleet", "RayClusterReplicaSet" -> {
        if (aibrix) {
          addRay(templates, document, "/spec/template/spec");
        }
      }
      case "RayCluster", "RayService", "RayJob" -> {
        if (document.apiVersion().startsWith(KUBERAY)) {
          addRay(templates, document, KUBERAY_CLUSTER_SPECS.get(document.kind()));
        }
      }
      case "LeaderWorkerSet" -> {
        if (document.apiVersion().startsWith(LEADER_WORKER_SET)) {
          addLeaderWorkerSet(templates, document);
        }
      }
      default -> {}
    }
    return templates;
  }

  /**
   * A Ray cluster's head group and worker groups (the RayCluster spec at {@code spec}: AIBrix's
   * fleets and replica sets, KubeRay's RayCluster, RayService and RayJob), with the labels KubeRay
   * gives their pods and does not let the template override (labelPod in ray-project/kuberay's
   * common/pod.go): {@code ray.io/node-type} head or worker and {@code ray.io/group} ({@code
   * headgroup} for the head, else the worker group's name); and {@code ray.io/is-ray-node: "yes"},
   * which a template may set.
   */
  private static void addRay(List<PodTemplate> templates, ManifestDocument document, String spec) {
    addRayGroup(templates, document, spec + "/headGroupSpec/template", "head", "headgroup");
    JsonNode workers = document.root().at(spec + "/workerGroupSpecs");
    for (int i = 0; workers.isArray() && i < workers.size(); i++) {
      String group = workers.get(i).path("groupName").asText("");
      addRayGroup(
          templates, document, spec + "/workerGroupSpecs/" + i + "/template", "worker", group);
    }
  }

  private static void addRayGroup(
      List<PodTemplate> templates,
      ManifestDocument document,
      String pointer,
      String nodeType,
      String group) {
    JsonNode node = document.root().at(pointer);
    if (!node.isObject()) {
      return;
    }
    Map<String, String> added = new LinkedHashMap<>();
    if (!node.path("metadata").path("labels").has(RAY_NODE)) {
      added.put(RAY_NODE, "yes");
    }
    added.put(RAY_NODE_TYPE, nodeType);
    added.put(RAY_GROUP, group);
    templates.add(new PodTemplate(document, pointer, node, null, false, added));
  }

  private static final String KUBERAY = "ray.io/";

  /** Where each KubeRay kind keeps its RayCluster spec. */
  private static final Map<String, String> KUBERAY_CLUSTER_SPECS =
      Map.of(
          "RayCluster",
          "/spec",
          "RayService",
          "/spec/rayClusterConfig",
          "RayJob",
          "/spec/rayClusterSpec");

  private static final String RAY_NODE = "ray.io/is-ray-node";
  private static final String RAY_NODE_TYPE = "ray.io/node-type";
  private static final String RAY_GROUP = "ray.io/group";
  private static final String LWS_NAME = "leaderworkerset.sigs.k8s.io/name";
  private static final String LWS_WORKER_INDEX = "leaderworkerset.sigs.k8s.io/worker-index";

  /**
   * A LeaderWorkerSet's groups: the leader pod from {@code leaderTemplate} (the worker template
   * when there is none), and {@code size - 1} workers from {@code workerTemplate} (size defaults to
   * 1). Read in kubernetes-sigs/lws v0.10.0: the leader StatefulSet's template and the worker
   * StatefulSet's each add only the group's own labels to the template's.
   */
  private static void addLeaderWorkerSet(List<PodTemplate> templates, ManifestDocument document) {
    String base = "/spec/leaderWorkerTemplate";
    JsonNode group = document.root().at(base);
    JsonNode size = group.path("size");
    // size defaults to 1 (the leader alone); a size not written as a number may be anything
    boolean workers =
        !size.isMissingNode() && !size.isNull() && (!size.canConvertToInt() || size.asInt() > 1);
    JsonNode leader = group.path("leaderTemplate");
    JsonNode worker = group.path("workerTemplate");
    Map<String, String> leaderLabels =
        Map.of(LWS_NAME, document.name(), LWS_WORKER_INDEX, "0"); // the leader is worker 0
    if (leader.isObject()) {
      templates.add(
          new PodTemplate(document, base + "/leaderTemplate", leader, null, false, leaderLabels));
    }
    if (worker.isObject() && (workers || !leader.isObject())) {
      templates.add(
          new PodTemplate(
              document,
              base + "/workerTemplate",
              worker,
              null,
              workers,
              // without a leader template the leader's pod is made from the worker template
              workers ? Map.of(LWS_NAME, document.name()) : leaderLabels));
    }
  }

  /**
   * Whether this template's pods include the workers of a LeaderWorkerSet group (worker index 1 and
   * up): AIBrix's gateway takes any pod with the model label as a place to send requests, and
   * leaves out only Ray worker pods and a StormService's pod groups above 0 (isWorkerPod in
   * pkg/cache/informers.go, v0.4.1 to v0.7.0).
   */
  public boolean groupWorkers() {
    return groupWorkers;
  }

  private static void add(List<PodTemplate> templates, ManifestDocument document, String pointer) {
    JsonNode node = document.root().at(pointer);
    if (node.isObject()) {
      templates.add(new PodTemplate(document, pointer, node));
    }
  }

  /** The pod template of each role in the list at {@code roles}, with the role's name. */
  private static void addRoles(
      List<PodTemplate> templates, ManifestDocument document, String roles) {
    JsonNode list = document.root().at(roles);
    if (!list.isArray()) {
      return; // the schema check reports the shape
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode template = list.get(i).path("template");
      if (template.isObject()) {
        templates.add(
            new PodTemplate(
                document,
                roles + "/" + i + "/template",
                template,
                list.get(i).path("name").asText(""),
                false,
                Map.of()));
      }
    }
  }

  /**
   * The name of the role this template belongs to (a StormService's or RoleSet's role), or null for
   * a workload without roles.
   */
  public String role() {
    return role;
  }

  /** The pod labels, as strings (non-string values keep their JSON text). */
  public Map<String, String> labels() {
    return labels;
  }

  private static Map<String, String> readLabels(
      JsonNode template, Map<String, String> controllerLabels) {
    Map<String, String> found = new LinkedHashMap<>();
    template
        .path("metadata")
        .path("labels")
        .fields()
        .forEachRemaining(
            e ->
                found.put(
                    e.getKey(),
                    e.getValue().isTextual()
                        ? e.getValue().asText()
                        : io.github.kvchart.aibrix.core.Json.compact(e.getValue())));
    found.putAll(controllerLabels);
    return java.util.Collections.unmodifiableMap(found);
  }

  /** Whether a label is present with a string value (a YAML true is not the string "true"). */
  public JsonNode label(String key) {
    return template.path("metadata").path("labels").path(key);
  }

  /** An annotation of the pod template (a missing node when absent). */
  public JsonNode annotation(String key) {
    return template.path("metadata").path("annotations").path(key);
  }

  public String labelsPointer() {
    return pointer + "/metadata/labels";
  }

  /** The containers, each with its pointer. */
  public List<VllmContainer> containers() {
    return containers;
  }

  /** The namespace the pod runs in: its document's, else "default" (where kubectl puts it). */
  public String namespace() {
    return namespace;
  }

  /** The port vLLM serves on: the --port flag of its container, if its value is a number. */
  public java.util.OptionalInt vllmPort() {
    for (VllmContainer container : containers()) {
      int port = portFlag(container);
      if (port >= 0) {
        return java.util.OptionalInt.of(port);
      }
    }
    return java.util.OptionalInt.empty();
  }

  /**
   * Whether a vLLM container passes --port with a value that cannot be read here (valueFrom, a
   * shell variable): rules comparing ports then have nothing to compare.
   */
  public boolean vllmPortUnknown() {
    return containers().stream().anyMatch(container -> portFlag(container) == UNREADABLE_PORT);
  }

  private static final int UNREADABLE_PORT = -2;

  /**
   * The --port of a vLLM container as a number: -1 without one (or not vLLM), {@link
   * #UNREADABLE_PORT} when its value is not a port number the manifest gives.
   */
  private static int portFlag(VllmContainer container) {
    var flag =
        container.isVllm()
            ? container.flag("--port")
            : java.util.Optional.<VllmContainer.Flag>empty();
    if (flag.isEmpty()) {
      return -1;
    }
    int port = Digits.value(container.value(flag.get()), 5);
    return port >= 0 ? port : UNREADABLE_PORT;
  }

  /**
   * The serving port: the model.aibrix.ai/port label, else vLLM's --port, else the gateway's
   * default (8000).
   */
  public int servingPort(KvContract contract) {
    JsonNode label = label(contract.label("port"));
    int port = label.isTextual() ? Digits.value(label.asText(), 5) : -1;
    if (port >= 0) {
      return port;
    }
    return listeningPort(contract);
  }

  /**
   * The port vLLM listens on: its --port, else 8000 (vLLM's default and the gateway's). Callers
   * first check {@link #vllmPortUnknown()}.
   */
  public int listeningPort(KvContract contract) {
    return vllmPort().orElse(contract.defaultServingPort());
  }

  /** Whether a label selector (matchLabels map or plain selector map) selects this pod. */
  public boolean selectedBy(JsonNode matchLabels) {
    if (matchLabels == null || !matchLabels.isObject() || matchLabels.isEmpty()) {
      return false;
    }
    Map<String, String> labels = labels();
    var fields = matchLabels.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      if (!field.getValue().asText().equals(labels.get(field.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
