package io.github.kvchart.aibrix.core.contract.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.Digits;
import io.github.kvchart.aibrix.core.DnsNames;
import io.github.kvchart.aibrix.core.Json;
import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.GatewaySettings;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.contract.ModelConfigProfiles;
import io.github.kvchart.aibrix.core.contract.PodTemplate;
import io.github.kvchart.aibrix.core.contract.VllmContainer;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * model-route: a request without a routing strategy (no {@code routing-strategy} header, no
 * profile, no ROUTING_ALGORITHM on the gateway) goes through the HTTPRoute {@code <model>-router}
 * that AIBrix's model router makes from a Deployment's, RayClusterFleet's or LeaderWorkerSet's own
 * {@code model.aibrix.ai/name} and {@code model.aibrix.ai/port} labels; its backend is the Service
 * named after the model in the workload's namespace, on that port. The gateway answers 503 when the
 * route is missing or its references do not resolve (validateHTTPRouteStatus, AIBrix v0.4.1 to
 * v0.7.0), and Envoy Gateway resolves a Service backend only when the Service has that TCP port.
 * The rule checks that chain as far as the validated documents show it: the workload names its
 * pods' model, the name can be a Service's, and that Service (when among the documents) has the
 * port, selects the serving pods and sends to the port vLLM listens on.
 */
public final class ModelRouteRule implements ContractRule {
  /** The pod annotation whose profiles can give a model a routing strategy (AIBrix v0.6.0 on). */
  static final String CONFIG_ANNOTATION = "model.aibrix.ai/config";

  /** The namespace of AIBrix's HTTPRoutes. */
  static final String ROUTE_NAMESPACE = "aibrix-system";

  @Override
  public String id() {
    return "model-route";
  }

  @Override
  public String description() {
    return "A model Deployment (RayClusterFleet, LeaderWorkerSet) names its pods' model in its own"
        + " labels, and the Service named after the model has the route's port and reaches vLLM.";
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    if (gatewayRoutesEverything(manifests, contract)) {
      return violations; // every request has a strategy: the HTTPRoute is not on the path
    }
    String nameLabel = contract.label("name");
    for (ManifestDocument workload : manifests.routedWorkloads()) {
      List<PodTemplate> serving = serving(manifests.podTemplates(workload), nameLabel);
      if (serving.isEmpty()
          || serving.stream()
              .anyMatch(
                  p ->
                      p.annotation(CONFIG_ANNOTATION).isTextual()
                          && ModelConfigProfiles.givesDefaultStrategy(
                              p.annotation(CONFIG_ANNOTATION).asText()))) {
        // no model pods, or the default profile gives requests a routing strategy, which routes
        // them without the HTTPRoute (a profile the gateway drops, or without one, does not)
        continue;
      }
      JsonNode own = workload.root().path("metadata").path("labels").path(nameLabel);
      String model = own.isTextual() ? own.asText() : null;
      Set<String> podModels = new LinkedHashSet<>();
      serving.forEach(p -> podModels.add(p.label(nameLabel).asText()));
      for (String podModel : podModels) {
        if (!podModel.equals(model)
            && manifests.find("HTTPRoute", ROUTE_NAMESPACE, podModel + "-router") == null) {
          violations.add(unnamed(workload, model, podModel, nameLabel, severity));
        }
      }
      if (model == null
          || manifests.find("HTTPRoute", ROUTE_NAMESPACE, model + "-router") != null) {
        continue;
      }
      String namePointer = "/metadata/labels/" + nameLabel.replace("/", "~1");
      if (!DnsNames.isDns1035Label(model)) {
        violations.add(
            workload.violation(
                namePointer,
                id(),
                severity,
                "model name '"
                    + model
                    + "' cannot be a Service's name ("
                    + DnsNames.DNS_1035_LABEL
                    + "), and AIBrix's HTTPRoute sends the model's requests to the Service of that"
                    + " name: requests without a routing strategy get 503.",
                "Name the model e.g. '"
                    + DnsNames.lowerCaseName(model)
                    + "' in "
                    + nameLabel
                    + ", --served-model-name and the Service."));
        continue;
      }
      ManifestDocument service =
          manifests.find("Service", ManifestSet.namespaceOf(workload), model);
      if (service != null) {
        violations.addAll(checkService(workload, service, serving, contract, nameLabel, severity));
      }
    }
    violations.addAll(UnroutedModels.find(manifests, nameLabel, id()));
    return violations;
  }

  /** Whether the gateway's settings in the set give every request a routing strategy. */
  private static boolean gatewayRoutesEverything(ManifestSet manifests, KvContract contract) {
    for (GatewaySettings settings : GatewaySettings.of(manifests, contract)) {
      if (settings.values().containsKey(GatewayEnvRule.ROUTING_ALGORITHM)) {
        String value = settings.values().get(GatewayEnvRule.ROUTING_ALGORITHM);
        if (value == null || !value.isBlank()) {
          return true; // a value from elsewhere may name a strategy too
        }
      }
    }
    return false;
  }

  /**
   * The templates whose pods serve the model: those running vLLM's API server, else those with the
   * model label that are not a group's workers.
   */
  static List<PodTemplate> serving(List<PodTemplate> templates, String nameLabel) {
    List<PodTemplate> api =
        templates.stream()
            .filter(p -> p.label(nameLabel).isTextual())
            .filter(p -> p.containers().stream().anyMatch(VllmContainer::servesApi))
            .toList();
    return !api.isEmpty()
        ? api
        : templates.stream()
            .filter(p -> p.label(nameLabel).isTextual() && !p.groupWorkers())
            .toList();
  }

  /** The port of AIBrix's HTTPRoute: the port label when it is a number, else 8000. */
  private static int routePort(ManifestDocument workload, KvContract contract) {
    JsonNode label = workload.root().path("metadata").path("labels").path(contract.label("port"));
    int port = label.isTextual() ? Digits.value(label.asText(), 5) : -1;
    return port > 0 ? port : contract.defaultServingPort();
  }

  private Violation unnamed(
      ManifestDocument workload,
      String model,
      String podModel,
      String nameLabel,
      Severity severity) {
    boolean hasLabels = workload.root().path("metadata").path("labels").isObject();
    String what =
        model == null
            ? "the "
                + workload.kind()
                + "'s own labels have no "
                + nameLabel
                + ", so AIBrix's model router makes no HTTPRoute for it"
            : "the "
                + workload.kind()
                + "'s own "
                + nameLabel
                + " is '"
                + model
                + "', so AIBrix's model router makes the HTTPRoute for '"
                + model
                + "', not for '"
                + podModel
                + "'";
    return workload.violation(
        hasLabels ? "/metadata/labels" : "/metadata",
        id(),
        severity,
        "its pods serve model '"
            + podModel
            + "' but "
            + what
            + ": the gateway answers requests for '"
            + podModel
            + "' without a routing strategy with 503 (no route "
            + podModel
            + "-router).",
        "Add "
            + nameLabel
            + ": "
            + podModel
            + " to the "
            + workload.kind()
            + "'s metadata.labels, as on its pods.");
  }

  /** The Service the HTTPRoute names: its port, its selector, and where its target port leads. */
  private List<Violation> checkService(
      ManifestDocument workload,
      ManifestDocument service,
      List<PodTemplate> serving,
      KvContract contract,
      String nameLabel,
      Severity severity) {
    int routePort = routePort(workload, contract);
    JsonNode spec = service.root().path("spec");
    JsonNode ports = Json.items(spec.path("ports"));
    int index = -1;
    for (int i = 0; i < ports.size(); i++) {
      JsonNode port = ports.get(i);
      if (port.path("port").asInt(-1) == routePort
          && port.path("protocol").asText("TCP").equals("TCP")) {
        index = i;
        break;
      }
    }
    if (index < 0) {
      return List.of(
          service.violation(
              ports.isArray() ? "/spec/ports" : "/spec",
              id(),
              severity,
              "AIBrix's HTTPRoute for model '"
                  + service.name()
                  + "' sends to this Service on port "
                  + routePort
                  + " (the "
                  + workload.kind()
                  + "'s port label, else 8000), which it does not have (TCP): the route's"
                  + " references do not resolve and requests without a routing strategy get"
                  + " 503.",
              "Add a port "
                  + routePort
                  + " (TCP) whose targetPort is vLLM's port, or set the "
                  + workload.kind()
                  + "'s port label to the Service's port."));
    }
    JsonNode selector = spec.path("selector");
    if (!selector.isObject() || selector.isEmpty()) {
      return List.of(); // endpoints the user manages: nothing to compare
    }
    List<PodTemplate> selected = serving.stream().filter(p -> p.selectedBy(selector)).toList();
    if (selected.isEmpty()) {
      return List.of(
          service.violation(
              "/spec/selector",
              id(),
              severity,
              "Service '"
                  + service.name()
                  + "' is the backend of the model's HTTPRoute but its selector selects none of"
                  + " the "
                  + workload.kind()
                  + "'s serving pods: it has no endpoints, and requests without a routing"
                  + " strategy fail.",
              "Select the pods by the model label: selector: {"
                  + nameLabel
                  + ": "
                  + service.name()
                  + "}."));
    }
    JsonNode port = ports.get(index);
    String at = "/spec/ports/" + index;
    List<Violation> found = new ArrayList<>();
    for (PodTemplate pod : selected) {
      Violation problem = targetProblem(service, port, at, pod, routePort, contract, severity);
      if (problem != null) {
        found.add(problem);
        break; // one per Service port
      }
    }
    return found;
  }

  /**
   * Where the Service port's targetPort leads in {@code pod} (FindPort: a number is itself, a name
   * is the containerPort of that name and protocol), compared with the port vLLM listens on.
   */
  private Violation targetProblem(
      ManifestDocument service,
      JsonNode port,
      String at,
      PodTemplate pod,
      int routePort,
      KvContract contract,
      Severity severity) {
    VllmContainer vllm =
        pod.containers().stream().filter(VllmContainer::servesApi).findFirst().orElse(null);
    if (vllm == null || pod.vllmPortUnknown()) {
      return null; // not vLLM's API, or a --port the manifest does not give
    }
    int listening = pod.listeningPort(contract);
    JsonNode target = port.path("targetPort");
    String protocol = port.path("protocol").asText("TCP");
    if (target.isTextual()) {
      if (target.asText().chars().noneMatch(Character::isLetter)) {
        return null; // not a port name: api-validation reports it
      }
      Integer resolved = namedPort(pod, target.asText(), protocol);
      if (resolved == null) {
        return service.violation(
            at + "/targetPort",
            id(),
            severity,
            "targetPort '"
                + target.asText()
                + "' names no "
                + protocol
                + " containerPort of the model's pods, so they are not the Service's endpoints and"
                + " requests without a routing strategy fail.",
            "Name vLLM's containerPort '"
                + target.asText()
                + "' (containerPort: "
                + listening
                + "), or set targetPort: "
                + listening
                + ".");
      }
      if (resolved != listening) {
        return mismatch(
            service, at + "/targetPort", target.asText(), resolved, listening, severity);
      }
      return null;
    }
    int number = target.isIntegralNumber() && target.asInt() > 0 ? target.asInt() : routePort;
    if (number != listening) {
      return mismatch(
          service,
          target.isMissingNode() ? at : at + "/targetPort",
          target.isMissingNode() ? "unset (the port, " + routePort + ")" : target.toString(),
          number,
          listening,
          severity);
    }
    return null;
  }

  /** The containerPort named {@code name} with {@code protocol} (containers, then sidecars). */
  private static Integer namedPort(PodTemplate pod, String name, String protocol) {
    JsonNode spec = pod.template().path("spec");
    for (JsonNode container : spec.path("containers")) {
      Integer found = namedPort(container, name, protocol);
      if (found != null) {
        return found;
      }
    }
    for (JsonNode container : spec.path("initContainers")) {
      if (container.path("restartPolicy").asText().equals("Always")) {
        Integer found = namedPort(container, name, protocol);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static Integer namedPort(JsonNode container, String name, String protocol) {
    for (JsonNode port : container.path("ports")) {
      if (port.path("name").asText().equals(name)
          && port.path("protocol").asText("TCP").equals(protocol)
          && port.path("containerPort").canConvertToInt()) {
        return port.path("containerPort").asInt();
      }
    }
    return null;
  }

  private Violation mismatch(
      ManifestDocument service,
      String at,
      String target,
      int resolved,
      int listening,
      Severity severity) {
    return service.violation(
        at,
        id(),
        severity,
        "the model's HTTPRoute port leads to pod port "
            + resolved
            + " (targetPort "
            + target
            + ") but vLLM listens on "
            + listening
            + ": requests without a routing strategy reach a port nobody listens on.",
        "Set targetPort: " + listening + ", or the name of vLLM's containerPort.");
  }
}
