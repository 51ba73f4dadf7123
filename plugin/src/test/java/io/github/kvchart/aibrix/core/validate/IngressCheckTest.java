package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the API server refuses in an Ingress (kubernetes' networking validation); each case changes
 * one field of an Ingress the API server takes.
 */
class IngressCheckTest {
  @TempDir Path temp;

  private static final String INGRESS =
      """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata: {name: llm}
      spec:
        ingressClassName: nginx
        tls: [{hosts: [llm.example.com], secretName: llm-tls}]
        rules:
          - host: %s
            http:
              paths:
                - path: %s
                  pathType: %s
                  backend: %s
      """;

  private static final String BACKEND = "{service: {name: envoy-aibrix, port: {number: 80}}}";

  private List<String> found(String host, String path, String type, String backend)
      throws Exception {
    return Fixtures.validate(temp, INGRESS.formatted(host, path, type, backend), "1.35").stream()
        .map(v -> v.rule() + " " + v.pointer())
        .toList();
  }

  private static final String AT = "api-validation /spec/rules/0";

  @Test
  void aTakenIngress() throws Exception {
    assertEquals(List.of(), found("llm.example.com", "/v1", "Prefix", BACKEND));
    assertEquals(List.of(), found("'*.example.com'", "/", "Exact", BACKEND));
    assertEquals(List.of(), found("1.2.3", "''", "ImplementationSpecific", BACKEND));
    assertEquals(
        List.of(),
        found("llm.example.com", "/", "Prefix", "{service: {name: s, port: {name: http}}}"));
  }

  @Test
  void hostsPathsAndBackends() throws Exception {
    String ok = "llm.example.com";
    assertEquals(List.of(AT + "/host"), found("10.0.0.1", "/", "Prefix", BACKEND));
    assertEquals(List.of(AT + "/host"), found("LLM.example.com", "/", "Prefix", BACKEND));
    assertEquals(List.of(AT + "/host"), found("'llm.*.com'", "/", "Prefix", BACKEND));
    String path = AT + "/http/paths/0/path";
    assertEquals(List.of(path), found(ok, "v1", "Prefix", BACKEND));
    assertEquals(List.of(path), found(ok, "/v1//chat", "Exact", BACKEND));
    assertEquals(List.of(path), found(ok, "/v1/..", "Prefix", BACKEND));
    assertEquals(List.of(path), found(ok, "v1", "ImplementationSpecific", BACKEND));
    assertEquals(List.of(AT + "/http/paths/0/pathType"), found(ok, "/", "prefix", BACKEND));
    String backend = AT + "/http/paths/0/backend";
    assertEquals(List.of(backend), found(ok, "/", "Prefix", "{}"));
    assertEquals(
        List.of(backend + "/service/name"),
        found(ok, "/", "Prefix", "{service: {name: Envoy_AIBrix, port: {number: 80}}}"));
    assertEquals(
        List.of(backend + "/service/port"),
        found(ok, "/", "Prefix", "{service: {name: s, port: {name: http, number: 80}}}"));
    assertEquals(
        List.of(backend + "/service/port/name"),
        found(ok, "/", "Prefix", "{service: {name: s, port: {name: HTTP}}}"));
  }

  @Test
  void classAndTls() throws Exception {
    String yaml = INGRESS.formatted("llm.example.com", "/", "Prefix", BACKEND);
    assertEquals(
        List.of("api-validation /spec/ingressClassName"),
        Fixtures.validate(
                temp,
                yaml.replace(
                    "metadata: {name: llm}",
                    "metadata: {name: llm, annotations: {kubernetes.io/ingress.class: nginx}}"),
                "1.35")
            .stream()
            .map(v -> v.rule() + " " + v.pointer())
            .toList());
    assertEquals(
        List.of("api-validation /spec/tls/0/secretName"),
        Fixtures.validate(temp, yaml.replace("secretName: llm-tls", "secretName: LLM_TLS"), "1.35")
            .stream()
            .map(v -> v.rule() + " " + v.pointer())
            .toList());
  }
}
