package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.DnsNames;
import io.github.kvchart.aibrix.core.Json;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.netpol.LabelSelector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the API server's validation refuses in a built-in workload beyond the OpenAPI schema, read
 * in kubernetes/kubernetes ({@code pkg/apis/apps/validation}, {@code pkg/apis/core/validation}):
 *
 * <ul>
 *   <li>a Deployment's, ReplicaSet's, DaemonSet's or StatefulSet's selector that is empty, has a
 *       malformed expression, or does not select its own pod template;
 *   <li>in a pod spec (a Pod, a PodTemplate, and the template of a Deployment, ReplicaSet,
 *       DaemonSet, ReplicationController, Job or CronJob; a StatefulSet's is not validated by the
 *       API server): no containers, a container or volume name that is not a DNS-1123 label or is
 *       used twice (containers and init containers share names), a container without an image, a
 *       port outside 1-65535 or with a malformed or repeated name, a probe without exactly one
 *       handler, resources the API server refuses (a request above its limit, a GPU request without
 *       a limit or unequal to it, a fraction of a GPU), a volume with more than one source, and a
 *       volume mount of a volume the pod does not have or on a path the container already mounts.
 * </ul>
 *
 * The checks of one container are in {@link ContainerCheck}, of its environment in {@link
 * EnvCheck}. Every check holds from Kubernetes 1.28 to 1.36, but for the variable names {@link
 * EnvCheck} reads by minor. The API server applies its defaults before it validates, so fields it
 * defaults (a port's protocol, a pull policy) are not reported as missing.
 */
final class WorkloadCheck {
  /** Where a kind keeps its pod template and what the API server validates in it. */
  record Shape(
      String template,
      com.fasterxml.jackson.core.JsonPointer templatePointer,
      boolean podSpec,
      boolean selector) {
    Shape(String template, boolean podSpec, boolean selector) {
      this(template, com.fasterxml.jackson.core.JsonPointer.compile(template), podSpec, selector);
    }
  }

  static final Map<String, Shape> SHAPES =
      Map.ofEntries(
          Map.entry("apps/v1 Deployment", new Shape("/spec/template", true, true)),
          Map.entry("apps/v1 ReplicaSet", new Shape("/spec/template", true, true)),
          Map.entry("apps/v1 DaemonSet", new Shape("/spec/template", true, true)),
          Map.entry("apps/v1 StatefulSet", new Shape("/spec/template", false, true)),
          Map.entry("v1 ReplicationController", new Shape("/spec/template", true, false)),
          Map.entry("v1 PodTemplate", new Shape("/template", true, false)),
          Map.entry("v1 Pod", new Shape("", true, false)),
          Map.entry("batch/v1 Job", new Shape("/spec/template", true, false)),
          Map.entry("batch/v1 CronJob", new Shape("/spec/jobTemplate/spec/template", true, false)));

  private static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

  private WorkloadCheck() {}

  static List<Violation> check(ManifestDocument document, Shape shape, int minor) {
    List<Violation> violations = new ArrayList<>();
    JsonNode template = document.root().at(shape.templatePointer());
    if (shape.selector()) {
      selector(document, shape.template(), template, violations);
    }
    if (shape.podSpec()) {
      podSpec(
          document, shape.template() + "/spec", template.path("spec"), minor, Set.of(), violations);
    }
    return violations;
  }

  private static void selector(
      ManifestDocument document, String template, JsonNode pod, List<Violation> violations) {
    JsonNode selector = document.root().path("spec").path("selector");
    if (!selector.isObject()) {
      return; // the schema reports a missing or mistyped selector
    }
    JsonNode matchLabels = selector.path("matchLabels");
    JsonNode expressions = selector.path("matchExpressions");
    if (matchLabels.isEmpty() && expressions.isEmpty()) {
      violations.add(
          ApiSyntax.error(
              document,
              "/spec/selector",
              "the selector is empty; the API server refuses an empty selector for a "
                  + document.kind()
                  + ".",
              "Select the pods by their labels, e.g. matchLabels: {app: <name>} with the same"
                  + " label in the pod template."));
      return;
    }
    boolean wellFormed =
        expressions(document, "/spec/selector", Json.items(expressions), violations);
    JsonNode labels = pod.path("metadata").path("labels");
    for (JsonNode value : labels) {
      if (!value.isTextual()) {
        return; // the schema reports a label that is not a string
      }
    }
    if (wellFormed
        && !LabelSelector.matches(
            selector, key -> labels.has(key) ? labels.get(key).asText() : null)) {
      violations.add(
          ApiSyntax.error(
              document,
              template + "/metadata/labels",
              "the "
                  + document.kind()
                  + "'s selector does not select its own pod template's labels; the API server"
                  + " refuses it.",
              "Give the pod template every label of spec.selector.matchLabels (same values), and"
                  + " satisfy its matchExpressions."));
    }
  }

  /**
   * Adds the violations of a label selector's {@code matchExpressions} (ValidateLabelSelector: a
   * known operator, values for In and NotIn, none for Exists and DoesNotExist) of the selector at
   * {@code at}; whether all are well formed.
   */
  static boolean expressions(
      ManifestDocument document, String at, JsonNode expressions, List<Violation> violations) {
    boolean wellFormed = true;
    for (int i = 0; i < expressions.size(); i++) {
      JsonNode expression = expressions.get(i);
      String operator = expression.path("operator").asText();
      int values = expression.path("values").size();
      String problem =
          !OPERATORS.contains(operator)
              ? "operator '" + operator + "' is not In, NotIn, Exists or DoesNotExist"
              : (operator.equals("In") || operator.equals("NotIn")) && values == 0
                  ? "operator " + operator + " needs at least one value"
                  : (operator.equals("Exists") || operator.equals("DoesNotExist")) && values > 0
                      ? "operator " + operator + " takes no values"
                      : null;
      if (problem != null) {
        wellFormed = false;
        violations.add(
            ApiSyntax.error(
                document,
                at + "/matchExpressions/" + i,
                "selector expression " + i + ": " + problem + ".",
                "Write {key, operator: In|NotIn, values: [...]} or {key, operator:"
                    + " Exists|DoesNotExist} without values."));
      }
    }
    return wellFormed;
  }

  /**
   * The violations of the pod spec {@code pod} at {@code spec}; {@code added} are the volumes its
   * controller adds to each pod (a StatefulSet's claims), which its mounts may name.
   */
  static void podSpec(
      ManifestDocument document,
      String spec,
      JsonNode pod,
      int minor,
      Set<String> added,
      List<Violation> violations) {
    if (!pod.isObject()) {
      return;
    }
    JsonNode containers = pod.path("containers");
    if (containers.isArray() && containers.isEmpty()) {
      violations.add(
          ApiSyntax.error(
              document,
              spec + "/containers",
              "the pod has no containers; the API server wants at least one.",
              "Add a container with a name and an image."));
    }
    JsonNode volumeList = Json.items(pod.path("volumes"));
    Set<String> volumes =
        volumeList.isEmpty() ? Set.of() : new java.util.LinkedHashSet<>(2 * volumeList.size());
    for (int i = 0; i < volumeList.size(); i++) {
      sources(document, spec + "/volumes/" + i, volumeList.get(i), violations);
      VolumeCheck.check(document, spec + "/volumes/" + i, volumeList.get(i), violations);
      JsonNode name = volumeList.get(i).path("name");
      if (!name.isTextual()) {
        continue;
      }
      if (badLabel(name.asText())) {
        violations.add(
            labelViolation(
                document, spec + "/volumes/" + i + "/name", "volume name", name.asText()));
      }
      if (!volumes.add(name.asText())) {
        violations.add(
            duplicate(
                document,
                spec + "/volumes/" + i + "/name",
                "the pod has two volumes",
                name.asText()));
      }
    }
    if (document.kind().equals("Pod") || document.kind().equals("PodTemplate")) {
      // a controller's pod restartPolicy is judged with the controller (ControllerSpecCheck)
      ApiSyntax.oneOf(
          document,
          spec + "/restartPolicy",
          pod.path("restartPolicy"),
          RESTART_POLICIES,
          violations);
    }
    ApiSyntax.oneOf(document, spec + "/dnsPolicy", pod.path("dnsPolicy"), DNS_POLICIES, violations);
    if (pod.path("dnsPolicy").asText().equals("None")
        && pod.path("dnsConfig").path("nameservers").isEmpty()) {
      violations.add(
          ApiSyntax.error(
              document,
              spec + "/dnsPolicy",
              "dnsPolicy None needs at least one dnsConfig.nameservers entry; the API server refuses"
                  + " it without.",
              "Add dnsConfig: {nameservers: [<IP>]}, or use dnsPolicy: ClusterFirst."));
    }
    Set<String> mountable = volumes;
    if (!added.isEmpty()) {
      mountable = new java.util.LinkedHashSet<>(volumes);
      mountable.addAll(added);
    }
    SchedulingCheck.check(document, spec, pod, violations);
    SecurityCheck.pod(document, spec, pod, violations);
    int count =
        pod.path("containers").size()
            + pod.path("initContainers").size()
            + pod.path("ephemeralContainers").size();
    Set<String> names = count > 1 ? new HashSet<>() : null;
    for (String list : CONTAINER_LISTS) {
      JsonNode items = Json.items(pod.path(list));
      for (int i = 0; i < items.size(); i++) {
        ContainerCheck.check(
            document, spec, list, i, items.get(i), names, mountable, minor, violations);
      }
    }
  }

  /**
   * validateVolumeSource: a volume has at most one source (one without any is defaulted to
   * emptyDir, SetDefaults_Volume). Every field of a volume but its name is a source (the schema
   * refuses any other), and a null one is not set.
   */
  private static void sources(
      ManifestDocument document, String at, JsonNode volume, List<Violation> violations) {
    if (!volume.isObject() || volume.size() <= 2) {
      return; // a name and at most one source
    }
    List<String> sources = new ArrayList<>(2);
    for (var it = volume.fields(); it.hasNext(); ) {
      var field = it.next();
      if (!field.getKey().equals("name") && !field.getValue().isNull()) {
        sources.add(field.getKey());
      }
    }
    if (sources.size() > 1) {
      violations.add(
          ApiSyntax.error(
              document,
              at,
              "volume '"
                  + volume.path("name").asText()
                  + "' has "
                  + sources.size()
                  + " sources ("
                  + String.join(", ", sources)
                  + "); the API server allows one.",
              "Keep one. In a Helm chart whose default volume has another source, set that one"
                  + " to null in your values, as Helm merges your volume into the default."));
    }
  }

  private static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
  private static final List<String> DNS_POLICIES =
      List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
  private static final List<String> CONTAINER_LISTS =
      List.of("containers", "initContainers", "ephemeralContainers");

  /** Whether {@code name} is set and not a DNS-1123 label. */
  static boolean badLabel(String name) {
    return !name.isEmpty() && !DnsNames.isDnsLabel(name);
  }

  static Violation labelViolation(ManifestDocument document, String at, String what, String name) {
    return ApiSyntax.error(
        document,
        at,
        what
            + " '"
            + name
            + "' is not a DNS-1123 label (at most 63 characters of a-z, 0-9 and '-',"
            + " starting and ending with a letter or digit).",
        "Use a lower-case name such as '" + DnsNames.lowerCaseName(name) + "'.");
  }

  static Violation duplicate(ManifestDocument document, String at, String twice, String name) {
    return ApiSyntax.error(
        document,
        at,
        twice + " named '" + name + "'; the API server wants each name once.",
        "Rename one of them.");
  }
}
