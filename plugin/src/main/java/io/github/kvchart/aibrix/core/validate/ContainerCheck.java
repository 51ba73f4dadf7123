package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.Json;
import io.github.kvchart.aibrix.core.Quantity;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the API server's pod validation refuses in one container (validateContainerCommon,
 * validateContainerPorts, validateProbe, ValidateResourceRequirements): its name, image, ports,
 * probes and resources; its environment in {@link EnvCheck}, its volume mounts in {@link
 * MountCheck}. Part of {@link WorkloadCheck}.
 */
final class ContainerCheck {
  private static final List<String> PROBES =
      List.of("startupProbe", "readinessProbe", "livenessProbe");
  private static final List<String> HANDLERS = List.of("exec", "httpGet", "tcpSocket", "grpc");
  private static final List<String> SIDES = List.of("limits", "requests");
  private static final List<String> PORT_FIELDS = List.of("containerPort", "hostPort");

  /** supportedPortProtocols, also a Service port's. */
  static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");

  private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
  private static final List<String> MESSAGE_POLICIES = List.of("File", "FallbackToLogsOnError");
  private static final List<String> SCHEMES = List.of("HTTP", "HTTPS");

  /** What an init container may only have when it is a sidecar (restartPolicy: Always). */
  private static final List<String> SIDECAR_ONLY =
      List.of("lifecycle", "livenessProbe", "readinessProbe", "startupProbe");

  private ContainerCheck() {}

  /**
   * Adds the violations of the container {@code list[index]} of the pod spec at {@code spec};
   * {@code names} holds the names seen (null when the pod has one container), {@code volumes} the
   * pod's volumes.
   */
  static void check(
      ManifestDocument document,
      String spec,
      String list,
      int index,
      JsonNode container,
      Set<String> names,
      Set<String> volumes,
      int minor,
      List<Violation> violations) {
    if (!container.isObject()) {
      return;
    }
    String at = spec + "/" + list + "/" + index;
    JsonNode name = container.path("name");
    if (name.isTextual()) {
      if (WorkloadCheck.badLabel(name.asText())) {
        violations.add(
            WorkloadCheck.labelViolation(document, at + "/name", "container name", name.asText()));
      }
      if (names != null && !names.add(name.asText())) {
        violations.add(
            WorkloadCheck.duplicate(
                document, at + "/name", "the pod has two containers", name.asText()));
      }
    }
    JsonNode image = container.path("image");
    if (image.isMissingNode()
        || image.isNull()
        || (image.isTextual() && image.asText().isEmpty())) {
      violations.add(
          ApiSyntax.error(
              document,
              at,
              "container '" + name.asText() + "' has no image; the API server requires one.",
              "Add image: <repository>:<tag>."));
    }
    ports(document, at, Json.items(container.path("ports")), violations);
    ApiSyntax.oneOf(
        document,
        at + "/imagePullPolicy",
        container.path("imagePullPolicy"),
        PULL_POLICIES,
        violations);
    ApiSyntax.oneOf(
        document,
        at + "/terminationMessagePolicy",
        container.path("terminationMessagePolicy"),
        MESSAGE_POLICIES,
        violations);
    SecurityCheck.container(
        document, at + "/securityContext", container.path("securityContext"), violations);
    if (list.equals("initContainers")
        && !container.path("restartPolicy").asText().equals("Always")) {
      for (String field : SIDECAR_ONLY) {
        if (container.hasNonNull(field)) {
          violations.add(
              ApiSyntax.error(
                  document,
                  at + "/" + field,
                  "init container '"
                      + container.path("name").asText()
                      + "' has a "
                      + field
                      + "; the API server allows it only on a sidecar (an init container with"
                      + " restartPolicy: Always).",
                  "Remove "
                      + field
                      + ", or make the container a sidecar with restartPolicy:"
                      + " Always (Kubernetes 1.29 or later)."));
        }
      }
    }
    EnvCheck.check(document, at, container, minor, violations);
    probes(document, at, container, violations);
    resources(document, at, container.path("resources"), violations);
    MountCheck.check(document, at, container, volumes, violations);
  }

  /**
   * ValidateResourceRequirements: no negative quantity; a whole number of an extended resource (a
   * name with a domain outside kubernetes.io, such as nvidia.com/gpu); a request at most its limit,
   * and equal to it for resources that cannot be overcommitted (extended resources and hugepages),
   * which also need a limit.
   */
  private static void resources(
      ManifestDocument document, String at, JsonNode resources, List<Violation> violations) {
    JsonNode limits = resources.path("limits");
    JsonNode requests = resources.path("requests");
    for (String side : SIDES) {
      for (var it = resources.path(side).fields(); it.hasNext(); ) {
        var entry = it.next();
        String name = entry.getKey();
        java.math.BigDecimal value = Quantity.of(entry.getValue()).orElse(null);
        if (value == null) {
          continue; // the schema reports what is not a quantity
        }
        if (value.signum() < 0) {
          violations.add(
              ApiSyntax.error(
                  document,
                  where(at, side, name),
                  side + " " + name + " is negative (" + entry.getValue().asText() + ").",
                  "Use 0 or more."));
          continue;
        }
        if (extended(name) && value.stripTrailingZeros().scale() > 0) {
          violations.add(
              ApiSyntax.error(
                  document,
                  where(at, side, name),
                  name + " is " + entry.getValue().asText() + "; it must be a whole number.",
                  "Ask for whole devices, e.g. " + name + ": 1."));
        }
        if (!side.equals("requests")) {
          continue;
        }
        boolean overcommit = !extended(name) && !name.startsWith("hugepages-");
        java.math.BigDecimal limit = Quantity.of(limits.path(name)).orElse(null);
        if (limits.path(name).isMissingNode() && !overcommit) {
          violations.add(
              ApiSyntax.error(
                  document,
                  where(at, side, name),
                  "requests "
                      + name
                      + " has no limit; the API server wants a limit for resources that cannot"
                      + " be overcommitted.",
                  "Set limits." + name + " (the request defaults to it), and drop the request."));
        } else if (limit != null
            && (overcommit ? value.compareTo(limit) > 0 : value.compareTo(limit) != 0)) {
          violations.add(
              ApiSyntax.error(
                  document,
                  where(at, side, name),
                  "requests "
                      + name
                      + " ("
                      + entry.getValue().asText()
                      + (overcommit ? ") is above its limit (" : ") must equal its limit (")
                      + limits.path(name).asText()
                      + ").",
                  overcommit
                      ? "Lower the request to the limit at most, or raise the limit."
                      : "Set only limits." + name + "; the request defaults to it."));
        }
      }
    }
  }

  private static String where(String at, String side, String name) {
    return at + "/resources/" + side + "/" + name.replace("~", "~0").replace("/", "~1");
  }

  /**
   * IsExtendedResourceName: a name with a domain outside kubernetes.io (nvidia.com/gpu), not a
   * requests. quota name.
   */
  private static boolean extended(String name) {
    return name.indexOf('/') >= 0
        && !name.contains("kubernetes.io/")
        && !name.startsWith("requests.");
  }

  /** A probe has exactly one handler (validateHandler): exec, httpGet, tcpSocket or grpc. */
  private static void probes(
      ManifestDocument document, String at, JsonNode container, List<Violation> violations) {
    for (String hook : List.of("postStart", "preStop")) {
      ApiSyntax.oneOf(
          document,
          at + "/lifecycle/" + hook + "/httpGet/scheme",
          container.path("lifecycle").path(hook).path("httpGet").path("scheme"),
          SCHEMES,
          violations);
    }
    for (String probe : PROBES) {
      JsonNode node = container.path(probe);
      if (!node.isObject()) {
        continue;
      }
      ApiSyntax.oneOf(
          document,
          at + "/" + probe + "/httpGet/scheme",
          node.path("httpGet").path("scheme"),
          SCHEMES,
          violations);
      List<String> handlers = new ArrayList<>(1);
      for (String handler : HANDLERS) {
        if (node.hasNonNull(handler)) {
          handlers.add(handler);
        }
      }
      if (handlers.size() != 1) {
        violations.add(
            ApiSyntax.error(
                document,
                at + "/" + probe,
                handlers.isEmpty()
                    ? probe
                        + " has no handler; the API server wants one of exec, httpGet,"
                        + " tcpSocket or grpc."
                    : probe
                        + " has "
                        + handlers.size()
                        + " handlers ("
                        + String.join(", ", handlers)
                        + "); the API server allows one.",
                handlers.isEmpty()
                    ? "Add the check, e.g. httpGet: {path: /health, port: http}."
                    : "Keep one. In a Helm chart whose default probe has another handler, set"
                        + " that one to null in your values (e.g. httpGet: null), as Helm merges"
                        + " your probe into the default."));
      }
    }
  }

  private static void ports(
      ManifestDocument document, String at, JsonNode ports, List<Violation> violations) {
    Set<String> names = ports.size() > 1 ? new HashSet<>() : null;
    for (int i = 0; i < ports.size(); i++) {
      JsonNode port = ports.get(i);
      JsonNode name = port.path("name");
      if (name.isTextual() && !name.asText().isEmpty()) {
        String problem = ApiSyntax.portNameProblem(name.asText());
        if (problem != null) {
          violations.add(
              ApiSyntax.error(
                  document,
                  at + "/ports/" + i + "/name",
                  "port name '" + name.asText() + "' " + problem + ".",
                  "Use at most 15 characters of a-z, 0-9 and '-', with at least one letter, e.g."
                      + " http or kv-events."));
        } else if (names != null && !names.add(name.asText())) {
          violations.add(
              WorkloadCheck.duplicate(
                  document,
                  at + "/ports/" + i + "/name",
                  "the container has two ports",
                  name.asText()));
        }
      }
      ApiSyntax.oneOf(
          document, at + "/ports/" + i + "/protocol", port.path("protocol"), PROTOCOLS, violations);
      for (String field : PORT_FIELDS) {
        boolean host = field.equals("hostPort");
        if (ApiSyntax.badPort(port.path(field), host)) {
          violations.add(
              ApiSyntax.portViolation(
                  document,
                  at + "/ports/" + i + "/" + field,
                  field,
                  port.path(field),
                  host
                      ? "Use a port from 1 to 65535, or leave hostPort out."
                      : "Use a port from 1 to 65535."));
        }
      }
    }
  }
}
