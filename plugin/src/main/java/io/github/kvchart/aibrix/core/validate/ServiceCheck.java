package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.DnsNames;
import io.github.kvchart.aibrix.core.Json;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the API server's validation refuses in a v1 Service beyond the schema (ValidateService and
 * validateServicePort in kubernetes' core validation, after its defaults: protocol TCP, a
 * targetPort of 0 or "" becomes the port): no ports unless headless or ExternalName; a port name
 * missing when there are several, not a DNS-1123 label, or used twice; a port outside 1-65535; a
 * numeric targetPort outside 1-65535 or a named one that is not a valid port name; the same port
 * and protocol twice. Selector label syntax is checked with the other labels.
 */
final class ServiceCheck {
  private ServiceCheck() {}

  static List<Violation> check(ManifestDocument document) {
    if (!document.apiVersion().equals("v1") || !document.kind().equals("Service")) {
      return List.of();
    }
    List<Violation> violations = new ArrayList<>();
    JsonNode spec = document.root().path("spec");
    JsonNode ports = Json.items(spec.path("ports"));
    boolean headless = spec.path("clusterIP").asText().equals("None");
    boolean externalName = spec.path("type").asText().equals("ExternalName");
    if (ports.isEmpty() && !headless && !externalName && spec.isObject()) {
      violations.add(
          ApiSyntax.error(
              document,
              "/spec",
              "the Service has no ports; the API server wants at least one (unless clusterIP is"
                  + " None or the type is ExternalName).",
              "Add ports: [{name: http, port: 80, targetPort: <container port>}]."));
    }
    typeDependent(document, spec, headless, violations);
    Set<String> names = new HashSet<>();
    Set<String> pairs = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      JsonNode port = ports.get(i);
      String at = "/spec/ports/" + i;
      String name = port.path("name").asText("");
      if (name.isEmpty() && ports.size() > 1) {
        violations.add(
            ApiSyntax.error(
                document,
                at,
                "port " + i + " has no name; a Service with several ports must name each.",
                "Add name: <a DNS-1123 label such as http>."));
      } else if (!name.isEmpty() && !DnsNames.isDnsLabel(name)) {
        violations.add(
            ApiSyntax.error(
                document,
                at + "/name",
                "port name '"
                    + name
                    + "' is not a DNS-1123 label (at most 63 characters of a-z, 0-9 and '-',"
                    + " starting and ending with a letter or digit).",
                "Use a lower-case name such as http or kv-events."));
      } else if (!name.isEmpty() && !names.add(name)) {
        violations.add(
            ApiSyntax.error(
                document,
                at + "/name",
                "the Service has two ports named '" + name + "'; the API server wants each once.",
                "Rename one of them."));
      }
      JsonNode number = port.path("port");
      if (ApiSyntax.badPort(number, false)) {
        violations.add(
            ApiSyntax.portViolation(
                document, at + "/port", "port", number, "Use a port from 1 to 65535."));
      }
      JsonNode target = port.path("targetPort");
      if (ApiSyntax.badPort(target, true)) { // a targetPort of 0 is defaulted to the port
        violations.add(
            ApiSyntax.portViolation(
                document,
                at + "/targetPort",
                "targetPort",
                target,
                "Use the container's port number, or its port name."));
      } else if (target.isTextual() && !target.asText().isEmpty()) {
        String problem = ApiSyntax.portNameProblem(target.asText());
        if (problem != null) {
          violations.add(
              ApiSyntax.error(
                  document,
                  at + "/targetPort",
                  "targetPort '"
                      + target.asText()
                      + "' is neither a number nor a valid port name: it "
                      + problem
                      + ".",
                  "Use the container's port number, or the name of one of its ports (at most 15"
                      + " characters of a-z, 0-9 and '-')."));
        }
      }
      ApiSyntax.oneOf(
          document, at + "/protocol", port.path("protocol"), ContainerCheck.PROTOCOLS, violations);
      JsonNode appProtocol = port.path("appProtocol");
      String appProblem =
          appProtocol.isTextual() ? ApiSyntax.keyProblem(appProtocol.asText()) : null;
      if (appProblem != null) {
        violations.add(
            ApiSyntax.error(
                document,
                at + "/appProtocol",
                "appProtocol '"
                    + appProtocol.asText()
                    + "' is not a qualified name: "
                    + appProblem
                    + ".",
                "Use a name such as http, kubernetes.io/h2c or example.com/custom."));
      }
      long nodePort = port.path("nodePort").asLong(0);
      if (nodePort != 0 && type(spec).equals("ClusterIP")) {
        violations.add(
            ApiSyntax.error(
                document,
                at + "/nodePort",
                "nodePort may not be used when the type is ClusterIP (the default).",
                "Remove nodePort, or set type: NodePort."));
      }
      String protocol = port.path("protocol").asText("TCP");
      if (number.isIntegralNumber() && !pairs.add(number.asText() + "/" + protocol)) {
        violations.add(
            ApiSyntax.error(
                document,
                at,
                "port " + number.asLong() + "/" + protocol + " is listed twice.",
                "Keep one entry per port and protocol."));
      }
    }
    return violations;
  }

  private static final List<String> TYPES =
      List.of("ClusterIP", "NodePort", "LoadBalancer", "ExternalName");
  private static final List<String> POLICIES = List.of("Cluster", "Local");

  /** The Service's type, ClusterIP when unset (SetDefaults_Service). */
  private static String type(JsonNode spec) {
    String type = spec.path("type").asText("");
    return type.isEmpty() ? "ClusterIP" : type;
  }

  /**
   * What ValidateService refuses by type: an unknown type, session affinity or traffic policy; a
   * headless NodePort or LoadBalancer; an ExternalName without a DNS name or with a cluster IP;
   * session affinity settings without ClientIP; externalTrafficPolicy on a Service not reachable
   * from outside; LoadBalancer-only fields on another type.
   */
  private static void typeDependent(
      ManifestDocument document, JsonNode spec, boolean headless, List<Violation> violations) {
    ApiSyntax.oneOf(document, "/spec/type", spec.path("type"), TYPES, violations);
    ApiSyntax.oneOf(
        document,
        "/spec/sessionAffinity",
        spec.path("sessionAffinity"),
        List.of("ClientIP", "None"),
        violations);
    ApiSyntax.oneOf(
        document,
        "/spec/externalTrafficPolicy",
        spec.path("externalTrafficPolicy"),
        POLICIES,
        violations);
    ApiSyntax.oneOfOrEmpty(
        document,
        "/spec/internalTrafficPolicy",
        spec.path("internalTrafficPolicy"),
        POLICIES,
        violations);
    String type = type(spec);
    if (headless && (type.equals("NodePort") || type.equals("LoadBalancer"))) {
      violations.add(
          ApiSyntax.error(
              document,
              "/spec/clusterIP",
              "clusterIP may not be None for a " + type + " Service.",
              "Remove clusterIP: None, or use type: ClusterIP for a headless Service."));
    }
    if (type.equals("ExternalName")) {
      String name = spec.path("externalName").asText("");
      String cname = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
      if (cname.isEmpty() || !ApiSyntax.isDnsSubdomain(cname)) {
        violations.add(
            ApiSyntax.error(
                document,
                cname.isEmpty() ? "/spec" : "/spec/externalName",
                cname.isEmpty()
                    ? "an ExternalName Service needs externalName."
                    : "externalName '" + name + "' is not a lower-case DNS name.",
                "Set externalName to the DNS name the Service stands for, e.g. db.example.com."));
      }
      if (!spec.path("clusterIP").asText("").isEmpty()) {
        violations.add(
            ApiSyntax.error(
                document,
                "/spec/clusterIP",
                "clusterIP may not be set for an ExternalName Service.",
                "Remove clusterIP."));
      }
    }
    String affinity = spec.path("sessionAffinity").asText("");
    JsonNode affinityConfig = spec.path("sessionAffinityConfig");
    if (!affinity.equals("ClientIP")
        && !affinityConfig.isMissingNode()
        && !affinityConfig.isNull()) {
      violations.add(
          ApiSyntax.error(
              document,
              "/spec/sessionAffinityConfig",
              "sessionAffinityConfig may only be set with sessionAffinity: ClientIP.",
              "Remove sessionAffinityConfig, or set sessionAffinity: ClientIP."));
    }
    JsonNode timeout = affinityConfig.path("clientIP").path("timeoutSeconds");
    if (affinity.equals("ClientIP")
        && timeout.isIntegralNumber()
        && (timeout.asLong() <= 0 || timeout.asLong() > 86400)) {
      violations.add(
          ApiSyntax.error(
              document,
              "/spec/sessionAffinityConfig/clientIP/timeoutSeconds",
              "timeoutSeconds " + timeout.asLong() + " is outside 1-86400.",
              "Use a number of seconds from 1 to 86400 (the default is 10800)."));
    }
    boolean external =
        type.equals("LoadBalancer")
            || type.equals("NodePort")
            || (type.equals("ClusterIP") && !spec.path("externalIPs").isEmpty());
    if (!external && !spec.path("externalTrafficPolicy").asText("").isEmpty()) {
      violations.add(
          ApiSyntax.error(
              document,
              "/spec/externalTrafficPolicy",
              "externalTrafficPolicy may only be set on a Service reachable from outside (NodePort,"
                  + " LoadBalancer, or with externalIPs); this one is "
                  + type
                  + ".",
              "Remove externalTrafficPolicy, or use internalTrafficPolicy for traffic inside the"
                  + " cluster."));
    }
    if (!type.equals("LoadBalancer")) {
      for (String field : List.of("loadBalancerSourceRanges", "allocateLoadBalancerNodePorts")) {
        JsonNode value = spec.path(field);
        if (!value.isMissingNode() && !value.isNull() && !(value.isArray() && value.isEmpty())) {
          violations.add(
              ApiSyntax.error(
                  document,
                  "/spec/" + field,
                  field
                      + " may only be used when the type is LoadBalancer; this one is "
                      + type
                      + ".",
                  "Remove " + field + ", or set type: LoadBalancer."));
        }
      }
    }
    boolean healthCheck =
        type.equals("LoadBalancer")
            && spec.path("externalTrafficPolicy").asText("").equals("Local");
    if (!healthCheck && spec.path("healthCheckNodePort").asLong(0) != 0) {
      violations.add(
          ApiSyntax.error(
              document,
              "/spec/healthCheckNodePort",
              "healthCheckNodePort may only be set on a LoadBalancer with externalTrafficPolicy:"
                  + " Local.",
              "Remove healthCheckNodePort."));
    }
  }
}
