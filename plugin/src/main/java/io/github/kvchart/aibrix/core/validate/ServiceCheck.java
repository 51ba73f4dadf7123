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
}
