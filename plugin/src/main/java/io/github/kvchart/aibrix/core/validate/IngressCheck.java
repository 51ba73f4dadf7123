package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.DnsNames;
import io.github.kvchart.aibrix.core.Json;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.List;

/**
 * What the API server refuses in a networking.k8s.io/v1 Ingress beyond the schema
 * (ValidateIngressCreate, ValidateIngressSpec, validateIngressRules, validateHTTPIngressPath and
 * validateIngressBackend in kubernetes' networking validation): no rules and no default backend; a
 * host that is an IP address or not a (wildcard) DNS name; an http rule without paths; a path that
 * is not absolute, or under Exact or Prefix holds //, /./, /../ or %2f or ends in /. or /..; an
 * unknown pathType; a backend with both or neither of service and resource, a service name that is
 * not a DNS-1035 label, a port with both or neither of name and number; TLS hosts and secret names
 * that are not DNS names; an ingressClassName beside the kubernetes.io/ingress.class annotation.
 */
final class IngressCheck {
  /** The kind this check reads. */
  static final String KIND = "networking.k8s.io/v1 Ingress";

  private static final List<String> INVALID_SEQUENCES = List.of("//", "/./", "/../", "%2f", "%2F");
  private static final List<String> INVALID_SUFFIXES = List.of("/..", "/.");

  private IngressCheck() {}

  static void check(ManifestDocument document, List<Violation> violations) {
    JsonNode spec = document.root().path("spec");
    JsonNode rules = Json.items(spec.path("rules"));
    JsonNode defaultBackend = spec.path("defaultBackend");
    boolean hasDefault = !defaultBackend.isMissingNode() && !defaultBackend.isNull();
    if (rules.isEmpty() && !hasDefault && spec.isObject()) {
      violations.add(
          ApiSyntax.error(
              document,
              "/spec",
              "the Ingress has neither rules nor a defaultBackend; the API server wants one.",
              "Add rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name:"
                  + " <service>, port: {number: 80}}}}]}}]."));
    }
    if (hasDefault) {
      backend(document, "/spec/defaultBackend", defaultBackend, violations);
    }
    for (int i = 0; i < rules.size(); i++) {
      String at = "/spec/rules/" + i;
      JsonNode rule = rules.get(i);
      JsonNode host = rule.path("host");
      if (host.isTextual() && !host.asText().isEmpty()) {
        String problem = hostProblem(host.asText());
        if (problem != null) {
          violations.add(
              ApiSyntax.error(
                  document,
                  at + "/host",
                  "host '" + host.asText() + "' " + problem + ".",
                  "Use a lower-case DNS name such as llm.example.com, or *.example.com."));
        }
      }
      JsonNode http = rule.path("http");
      if (http.isObject()) {
        JsonNode paths = Json.items(http.path("paths"));
        if (paths.isEmpty()) {
          violations.add(
              ApiSyntax.error(
                  document,
                  at + "/http",
                  "the http rule has no paths; the API server wants at least one.",
                  "Add paths: [{path: /, pathType: Prefix, backend: {...}}]."));
        }
        for (int p = 0; p < paths.size(); p++) {
          path(document, at + "/http/paths/" + p, paths.get(p), violations);
        }
      }
    }
    JsonNode tls = Json.items(spec.path("tls"));
    for (int i = 0; i < tls.size(); i++) {
      JsonNode hosts = Json.items(tls.get(i).path("hosts"));
      for (int h = 0; h < hosts.size(); h++) {
        String host = hosts.get(h).asText("");
        if (hosts.get(h).isTextual() && !validHost(host)) {
          violations.add(
              ApiSyntax.error(
                  document,
                  "/spec/tls/" + i + "/hosts/" + h,
                  "TLS host '" + host + "' is not a DNS name.",
                  "Use the host's lower-case DNS name, or *.example.com."));
        }
      }
      JsonNode secret = tls.get(i).path("secretName");
      if (secret.isTextual()
          && !secret.asText().isEmpty()
          && !ApiSyntax.isDnsSubdomain(secret.asText())) {
        violations.add(
            ApiSyntax.error(
                document,
                "/spec/tls/" + i + "/secretName",
                "secretName '" + secret.asText() + "' is not a Secret's name (a DNS subdomain).",
                "Name the TLS Secret in lower case, e.g. llm-tls."));
      }
    }
    JsonNode className = spec.path("ingressClassName");
    if (className.isTextual() && !ApiSyntax.isDnsSubdomain(className.asText())) {
      violations.add(
          ApiSyntax.error(
              document,
              "/spec/ingressClassName",
              "ingressClassName '" + className.asText() + "' is not an IngressClass name.",
              "Use the IngressClass's name as kubectl get ingressclass lists it."));
    }
    if (className.isTextual()
        && document
            .root()
            .path("metadata")
            .path("annotations")
            .has("kubernetes.io/ingress.class")) {
      violations.add(
          ApiSyntax.error(
              document,
              "/spec/ingressClassName",
              "ingressClassName may not be set beside the kubernetes.io/ingress.class annotation.",
              "Remove the annotation; ingressClassName replaces it."));
    }
  }

  /** Why a rule's host is refused, or null. */
  private static String hostProblem(String host) {
    String[] parts = host.split("\\.", -1);
    boolean ipv4 =
        parts.length == 4
            && java.util.Arrays.stream(parts)
                .allMatch(
                    p ->
                        !p.isEmpty()
                            && p.length() <= 10
                            && p.chars().allMatch(Character::isDigit)
                            && Long.parseLong(p) <= 255);
    if (ipv4 || host.indexOf(':') >= 0) {
      return "is an IP address or holds a port; the API server wants a DNS name";
    }
    return validHost(host) ? null : "is not a lower-case DNS name (or *.example.com)";
  }

  /** IsDNS1123Subdomain, or IsWildcardDNS1123Subdomain when it holds '*'. */
  private static boolean validHost(String host) {
    if (host.indexOf('*') >= 0) {
      return host.startsWith("*.")
          && host.length() <= 253
          && ApiSyntax.isDnsSubdomain(host.substring(2));
    }
    return ApiSyntax.isDnsSubdomain(host);
  }

  private static void path(
      ManifestDocument document, String at, JsonNode path, List<Violation> violations) {
    if (!path.isObject()) {
      return;
    }
    String type = path.path("pathType").asText("");
    String text = path.path("path").asText("");
    String problem = null;
    switch (type) {
      case "Exact", "Prefix" -> {
        if (!text.startsWith("/")) {
          problem = "must be an absolute path (starting with /)";
        }
        for (String sequence : INVALID_SEQUENCES) {
          if (problem == null && text.contains(sequence)) {
            problem = "must not hold '" + sequence + "'";
          }
        }
        for (String suffix : INVALID_SUFFIXES) {
          if (problem == null && text.endsWith(suffix)) {
            problem = "must not end with '" + suffix + "'";
          }
        }
      }
      case "ImplementationSpecific" -> {
        if (!text.isEmpty() && !text.startsWith("/")) {
          problem = "must be an absolute path (starting with /)";
        }
      }
      default ->
          ApiSyntax.oneOfOrEmpty(
              document,
              at + "/pathType",
              path.path("pathType"),
              List.of("Exact", "Prefix", "ImplementationSpecific"),
              violations);
    }
    if (problem != null) {
      violations.add(
          ApiSyntax.error(
              document,
              at + "/path",
              "path '" + text + "' " + problem + " under pathType " + type + ".",
              "Write the path as the URL has it, e.g. /v1."));
    }
    backend(document, at + "/backend", path.path("backend"), violations);
  }

  private static void backend(
      ManifestDocument document, String at, JsonNode backend, List<Violation> violations) {
    if (!backend.isObject()) {
      return;
    }
    boolean service = backend.hasNonNull("service");
    boolean resource = backend.hasNonNull("resource");
    if (service == resource) {
      violations.add(
          ApiSyntax.error(
              document,
              at,
              service
                  ? "the backend has both service and resource; the API server allows one."
                  : "the backend names neither a service nor a resource"
                      + (backend.has("serviceName")
                          ? " (serviceName and servicePort are networking.k8s.io/v1beta1's,"
                              + " which v1 drops)."
                          : "."),
              "Give it service: {name: <service>, port: {number: 80}}."));
      return;
    }
    if (!service) {
      return;
    }
    JsonNode name = backend.path("service").path("name");
    if (name.isTextual() && !DnsNames.isDns1035Label(name.asText())) {
      violations.add(
          ApiSyntax.error(
              document,
              at + "/service/name",
              "service name '"
                  + name.asText()
                  + "' is not a Service's name ("
                  + DnsNames.DNS_1035_LABEL
                  + ").",
              "Use the Service's name as kubectl get service lists it."));
    }
    JsonNode port = backend.path("service").path("port");
    boolean hasName = port.path("name").isTextual() && !port.path("name").asText().isEmpty();
    boolean hasNumber = port.path("number").asLong(0) != 0;
    if (hasName == hasNumber) {
      violations.add(
          ApiSyntax.error(
              document,
              at + "/service/port",
              hasName
                  ? "the service port has both name and number; the API server allows one."
                  : "the service port has neither name nor number.",
              "Use port: {number: 80} or port: {name: http}."));
    } else if (hasName) {
      String problem = ApiSyntax.portNameProblem(port.path("name").asText());
      if (problem != null) {
        violations.add(
            ApiSyntax.error(
                document,
                at + "/service/port/name",
                "port name '" + port.path("name").asText() + "' " + problem + ".",
                "Use the Service port's name, e.g. http."));
      }
    } else if (ApiSyntax.badPort(port.path("number"), false)) {
      violations.add(
          ApiSyntax.portViolation(
              document,
              at + "/service/port/number",
              "number",
              port.path("number"),
              "Use 1 to 65535."));
    }
  }
}
