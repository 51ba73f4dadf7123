package io.github.kvchart.aibrix.core.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * What a PodAutoscaler scales, read as AIBrix's controller reads it (workload_scale.go in
 * pkg/controller/podautoscaler, AIBrix v0.5.0 to v0.7.0): the workload its scaleTargetRef names
 * and, when it has a {@code subTargetSelector}, one role of a StormService. A role is scaled
 * through {@code spec.template.spec.roles[i].replicas}, unless the PodAutoscaler carries the
 * annotation {@code autoscaling.aibrix.ai/storm-service-mode: replica}: then it scales the
 * StormService's {@code spec.replicas} and the role only narrows the pods whose metrics count.
 */
public final class ScaleTarget {
  /** The PodAutoscaler annotation that makes role-level scaling scale whole replicas. */
  public static final String MODE_ANNOTATION = "autoscaling.aibrix.ai/storm-service-mode";

  private final ManifestDocument autoscaler;
  private final String apiVersion;
  private final String kind;
  private final String name;
  private final JsonNode subTarget;
  private final ManifestDocument workload;

  private ScaleTarget(ManifestDocument autoscaler, ManifestSet manifests) {
    this.autoscaler = autoscaler;
    JsonNode spec = autoscaler.root().path("spec");
    JsonNode ref = spec.path("scaleTargetRef");
    this.apiVersion = ref.path("apiVersion").asText("");
    this.kind = ref.path("kind").asText("");
    this.name = ref.path("name").asText("");
    this.subTarget = spec.path("subTargetSelector");
    // AIBrix refuses a reference without kind or name (validateScaleTargetRef): it scales nothing.
    this.workload = complete() ? manifests.find(kind, name) : null;
  }

  /** The target of {@code autoscaler} (a PodAutoscaler) in {@code manifests}. */
  public static ScaleTarget of(ManifestDocument autoscaler, ManifestSet manifests) {
    return new ScaleTarget(autoscaler, manifests);
  }

  public ManifestDocument autoscaler() {
    return autoscaler;
  }

  /** scaleTargetRef.apiVersion, or "" when it is not set. */
  public String apiVersion() {
    return apiVersion;
  }

  /** scaleTargetRef.kind, or "" when it is not set. */
  public String kind() {
    return kind;
  }

  /** Whether scaleTargetRef names a kind and a name, which AIBrix requires. */
  public boolean complete() {
    return !kind.isEmpty() && !name.isEmpty();
  }

  public String name() {
    return name;
  }

  /** The workload scaleTargetRef names, or null when it is not in the set. */
  public ManifestDocument workload() {
    return workload;
  }

  /**
   * Whether the PodAutoscaler has a subTargetSelector (AIBrix takes the role-level path for any
   * non-null one, even without a roleName).
   */
  public boolean selectsRole() {
    return subTarget.isObject();
  }

  /** subTargetSelector.roleName, or "" when there is none. */
  public String roleName() {
    return subTarget.path("roleName").asText("");
  }

  /**
   * Whether a PodAutoscaler scaling {@code pod}'s workload reads its metrics: AIBrix narrows the
   * pods to a named role by the role's label.
   */
  public static boolean reads(ManifestDocument autoscaler, PodTemplate pod) {
    String role = autoscaler.root().at("/spec/subTargetSelector/roleName").asText("");
    return role.isEmpty() || pod.role() == null || role.equals(pod.role());
  }

  /** Whether the annotation makes role-level scaling scale the StormService's spec.replicas. */
  public boolean replicaMode() {
    return "replica"
        .equals(
            autoscaler.root().path("metadata").path("annotations").path(MODE_ANNOTATION).asText());
  }

  /** The names of the target's roles (a StormService's), in their order. */
  public List<String> roles() {
    List<String> names = new ArrayList<>();
    JsonNode list = workload == null ? null : workload.root().at(PodTemplate.STORM_SERVICE_ROLES);
    if (list != null && list.isArray()) {
      for (JsonNode role : list) {
        names.add(role.path("name").asText(""));
      }
    }
    return names;
  }

  /**
   * The pod templates whose pods this PodAutoscaler scales and reads metrics from: the selected
   * role's, or all of the workload's (none when the workload is not in the set).
   */
  public List<PodTemplate> pods(ManifestSet manifests) {
    if (workload == null) {
      return List.of();
    }
    List<PodTemplate> all = manifests.podTemplates(workload);
    return all.stream().filter(pod -> reads(autoscaler, pod)).toList();
  }

  /** How messages name the target: {@code StormService 'pd' (role 'decode')}. */
  public String describe() {
    String role = selectsRole() && !roleName().isEmpty() ? " (role '" + roleName() + "')" : "";
    return kind + " '" + name + "'" + role;
  }
}
