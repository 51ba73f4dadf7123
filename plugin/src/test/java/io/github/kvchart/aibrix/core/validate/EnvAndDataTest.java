package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.manifest.Violation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the API server refuses in a container's env and envFrom, in a ConfigMap's or Secret's data
 * and in a PodDisruptionBudget (kubernetes' core and policy validation), each case one change to an
 * object the API server takes.
 */
class EnvAndDataTest {
  @TempDir Path temp;

  /** apimachinery's envVarNameFmt and configMapKeyFmt. */
  private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

  private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

  /** Go's base64.StdEncoding after line breaks are dropped: padded quanta of four. */
  private static final Pattern BASE64 =
      Pattern.compile("([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");

  private List<String> found(String yaml, String minor) throws Exception {
    return Fixtures.validate(temp, yaml, minor).stream()
        .map(v -> v.rule() + " " + v.pointer())
        .toList();
  }

  /** A Pod whose one container has {@code lines} (YAML, indented under the container). */
  private static String pod(String lines) {
    return """
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: nginx:1.27
        %s"""
        .formatted(lines.stripTrailing().indent(6));
  }

  private List<String> env(String entries) throws Exception {
    return found(pod("env:\n" + entries.stripTrailing().indent(2)), "1.35");
  }

  @Test
  void aVariableTakesAValueOrOneSource() throws Exception {
    assertEquals(List.of(), env("- {name: A, value: x}\n- {name: B, value: ''}\n- {name: C}"));
    assertEquals(
        List.of(),
        env(
            "- {name: A, valueFrom: {fieldRef: {fieldPath: status.podIP}}}\n"
                + "- {name: B, value: '', valueFrom: {secretKeyRef: {name: s, key: token}}}\n"
                + "- {name: C, valueFrom: {resourceFieldRef: {resource: limits.memory}}}\n"
                + "- {name: D, valueFrom: {configMapKeyRef: {name: c, key: app.yaml}}}"));
    String at = "api-validation /spec/containers/0/env/0/valueFrom";
    assertEquals(
        List.of(at),
        env("- {name: A, value: x, valueFrom: {fieldRef: {fieldPath: metadata.name}}}"));
    assertEquals(List.of(at), env("- {name: A, valueFrom: {}}"));
    assertEquals(
        List.of(at),
        env(
            "- {name: A, valueFrom: {fieldRef: {fieldPath: metadata.name},"
                + " secretKeyRef: {name: s, key: k}}}"));
  }

  @Test
  void theDownwardApiGivesAVariableSomeFields() throws Exception {
    for (String path :
        List.of(
            "metadata.name",
            "metadata.namespace",
            "metadata.uid",
            "spec.nodeName",
            "spec.host",
            "spec.serviceAccountName",
            "status.hostIP",
            "status.hostIPs",
            "status.podIP",
            "status.podIPs",
            "metadata.labels['app.kubernetes.io/name']",
            "metadata.annotations['Example.com/Key']")) {
      assertEquals(
          List.of(), env("- {name: A, valueFrom: {fieldRef: {fieldPath: \"" + path + "\"}}}"));
    }
    String at = "api-validation /spec/containers/0/env/0/valueFrom/fieldRef/fieldPath";
    for (String path :
        List.of(
            "metadata.labels",
            "status.phase",
            "metadata.podIP",
            "spec.nodeName['x']",
            "metadata.labels['bad key']",
            "['x']",
            "")) {
      assertEquals(
          List.of(at),
          env("- {name: A, valueFrom: {fieldRef: {fieldPath: \"" + path + "\"}}}"),
          path);
    }
    assertEquals(
        List.of("api-validation /spec/containers/0/env/0/valueFrom/fieldRef/apiVersion"),
        env("- {name: A, valueFrom: {fieldRef: {apiVersion: v2, fieldPath: metadata.name}}}"));
    assertEquals(
        List.of("api-validation /spec/containers/0/env/0/valueFrom/resourceFieldRef/resource"),
        env("- {name: A, valueFrom: {resourceFieldRef: {resource: limits.gpu}}}"));
    assertEquals(
        List.of(),
        env("- {name: A, valueFrom: {resourceFieldRef: {resource: limits.hugepages-2Mi}}}"));
  }

  @Test
  void referencesNameTheirObjectAndKey() throws Exception {
    assertEquals(
        List.of("api-validation /spec/containers/0/env/0/valueFrom/secretKeyRef"),
        env("- {name: A, valueFrom: {secretKeyRef: {key: token}}}"));
    assertEquals(
        List.of("api-validation /spec/containers/0/env/0/valueFrom/configMapKeyRef/name"),
        env("- {name: A, valueFrom: {configMapKeyRef: {name: My_Config, key: k}}}"));
    assertEquals(
        List.of("api-validation /spec/containers/0/env/0/valueFrom/configMapKeyRef/key"),
        env("- {name: A, valueFrom: {configMapKeyRef: {name: c, key: conf/app.yaml}}}"));
  }

  @Test
  void variableNamesAreRelaxedFromKubernetes132() throws Exception {
    String yaml = pod("env: [{name: 1-A B, value: x}]");
    assertEquals(List.of("api-validation /spec/containers/0/env/0/name"), found(yaml, "1.31"));
    assertEquals(List.of(), found(yaml, "1.32"));
    String equals = pod("env: [{name: 'A=B', value: x}]");
    assertEquals(List.of("api-validation /spec/containers/0/env/0/name"), found(equals, "1.35"));
    assertEquals(
        List.of("api-validation /spec/containers/0/env/0/name"),
        found(pod("env: [{name: '', value: x}]"), "1.35"));
    Random random = new Random(5);
    String alphabet = "aZ_9-.= é\t~";
    for (int n = 0; n < 50_000; n++) {
      StringBuilder word = new StringBuilder();
      for (int i = random.nextInt(6); i > 0; i--) {
        word.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String name = word.toString();
      boolean strict =
          ENV_NAME.matcher(name).matches() && !name.equals(".") && !name.startsWith("..");
      boolean relaxed =
          !name.isEmpty() && name.chars().allMatch(c -> c >= 0x20 && c <= 0x7e && c != '=');
      assertEquals(strict, EnvCheck.nameProblem(name, false) == null, name);
      assertEquals(relaxed, EnvCheck.nameProblem(name, true) == null, name);
    }
  }

  @Test
  void envFromTakesOneSourceAndAValidPrefix() throws Exception {
    assertEquals(
        List.of(),
        found(
            pod("envFrom: [{configMapRef: {name: c}}, {prefix: X_, secretRef: {name: s-}}]"),
            "1.35"));
    assertEquals(
        List.of("api-validation /spec/containers/0/envFrom/0"),
        found(pod("envFrom: [{prefix: X_}]"), "1.35"));
    assertEquals(
        List.of("api-validation /spec/containers/0/envFrom/0"),
        found(pod("envFrom: [{configMapRef: {name: c}, secretRef: {name: s}}]"), "1.35"));
    assertEquals(
        List.of("api-validation /spec/containers/0/envFrom/0/prefix"),
        found(pod("envFrom: [{prefix: 'A=', configMapRef: {name: c}}]"), "1.35"));
    assertEquals(
        List.of("api-validation /spec/containers/0/envFrom/0/configMapRef"),
        found(pod("envFrom: [{configMapRef: {optional: true}}]"), "1.35"));
  }

  @Test
  void aListWrittenAsAMappingIsTheSchemasToReport() throws Exception {
    List<Violation> found =
        Fixtures.validate(
            temp,
            pod("env: {name: A, value: x}\nports: {containerPort: 80}\nvolumeMounts: {a: b}"),
            "1.35");
    assertTrue(found.stream().allMatch(v -> v.rule().equals("schema")), found.toString());
    assertEquals(3, found.size(), found.toString());
  }

  private List<String> configMap(String body) throws Exception {
    return found("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n" + body, "1.35");
  }

  @Test
  void configMapKeys() throws Exception {
    assertEquals(List.of(), configMap("data: {app.yaml: x, A_B-c: v}\nbinaryData: {b.bin: AAE=}"));
    assertEquals(
        List.of("api-validation /data/conf~1app.yaml"), configMap("data: {conf/app.yaml: x}"));
    assertEquals(List.of("api-validation /data/..a"), configMap("data: {..a: x}"));
    assertEquals(
        List.of("api-validation /data/k"), configMap("data: {k: x}\nbinaryData: {k: AAE=}"));
    assertEquals(List.of("api-validation /binaryData/k"), configMap("binaryData: {k: 'AAE'}"));
    Random random = new Random(3);
    String alphabet = "aZ9-_./ :";
    for (int n = 0; n < 50_000; n++) {
      StringBuilder word = new StringBuilder();
      for (int i = random.nextInt(n % 100 == 0 ? 300 : 6); i > 0; i--) {
        word.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String key = word.toString();
      boolean valid =
          key.length() <= 253
              && CONFIG_KEY.matcher(key).matches()
              && !key.equals(".")
              && !key.startsWith("..");
      assertEquals(valid, DataCheck.keyProblem(key) == null, key);
    }
  }

  private List<String> secret(String body) throws Exception {
    return found("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n" + body, "1.35");
  }

  @Test
  void secretDataIsBase64AsGoDecodesIt() throws Exception {
    assertEquals(List.of(), secret("data: {a: aGVsbG8=, b: '', c: \"aGVs\\nbG8=\\n\"}"));
    for (String bad : List.of("aGVsbG8", "aGVs bG8=", "a===", "aGVsbG8==", "aGVsbG8=x", "…")) {
      assertEquals(List.of("api-validation /data/a"), secret("data: {a: '" + bad + "'}"), bad);
    }
    Random random = new Random(9);
    String alphabet = "aZ9+/=\n -";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder word = new StringBuilder();
      for (int i = random.nextInt(10); i > 0; i--) {
        word.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String text = word.toString();
      boolean valid = BASE64.matcher(text.replace("\n", "")).matches();
      List<Violation> found = new java.util.ArrayList<>();
      DataCheck.check(
          new ManifestParser()
              .parse(
                  "s.yaml",
                  "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {a: "
                      + io.github.kvchart.aibrix.core.Json.compact(text)
                      + "}\n")
              .documents()
              .get(0),
          found);
      assertEquals(valid, found.isEmpty(), text);
    }
  }

  @Test
  void secretTypesNeedTheirKeys() throws Exception {
    String cert = Base64.getEncoder().encodeToString("x".getBytes(StandardCharsets.UTF_8));
    assertEquals(
        List.of(),
        secret("type: kubernetes.io/tls\ndata: {tls.crt: " + cert + "}\nstringData: {tls.key: k}"));
    assertEquals(
        List.of("api-validation /type"),
        secret("type: kubernetes.io/tls\ndata: {tls.crt: " + cert + "}"));
    assertEquals(
        List.of(),
        secret("type: kubernetes.io/dockerconfigjson\nstringData: {.dockerconfigjson: '{}'}"));
    assertEquals(
        List.of("api-validation /stringData/.dockerconfigjson"),
        secret("type: kubernetes.io/dockerconfigjson\nstringData: {.dockerconfigjson: '[1]'}"));
    assertEquals(
        List.of("api-validation /type"), secret("type: kubernetes.io/dockerconfigjson\ndata: {}"));
    assertEquals(List.of(), secret("type: kubernetes.io/basic-auth\nstringData: {password: ''}"));
    assertEquals(List.of("api-validation /type"), secret("type: kubernetes.io/basic-auth"));
    assertEquals(
        List.of("api-validation /type"),
        secret("type: kubernetes.io/ssh-auth\nstringData: {ssh-privatekey: ''}"));
    assertEquals(
        List.of("api-validation /metadata"), secret("type: kubernetes.io/service-account-token"));
    assertEquals(List.of(), secret("type: example.com/anything\nstringData: {x: v}"));
  }

  @Test
  void dataIsAtMostOneMebibyte() throws Exception {
    String big = "x".repeat(DataCheck.MAX_SIZE / 2);
    assertEquals(List.of(), configMap("data: {a: " + big + "}"));
    assertEquals(
        List.of("api-validation /data"), configMap("data: {a: " + big + ", b: " + big + "x}"));
    // stringData replaces the data value of the same key
    assertEquals(
        List.of(),
        secret("data: {a: " + "QUFB".repeat(200_000) + "}\nstringData: {a: x, b: " + big + "}"));
  }

  private List<String> budget(String spec) throws Exception {
    return found(
        "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}\nspec:\n"
            + spec.indent(2),
        "1.35");
  }

  @Test
  void aDisruptionBudgetSetsOneBound() throws Exception {
    assertEquals(List.of(), budget("minAvailable: 1\nselector: {matchLabels: {app: web}}"));
    assertEquals(List.of(), budget("maxUnavailable: 50%"));
    assertEquals(List.of("api-validation /spec"), budget("minAvailable: 1\nmaxUnavailable: 1"));
    assertEquals(List.of("api-validation /spec/maxUnavailable"), budget("maxUnavailable: 150%"));
    assertEquals(List.of("api-validation /spec/minAvailable"), budget("minAvailable: '1'"));
    assertEquals(List.of("api-validation /spec/minAvailable"), budget("minAvailable: -1"));
    assertEquals(
        List.of("api-validation /spec/selector/matchExpressions/0"),
        budget("selector: {matchExpressions: [{key: app, operator: In}]}"));
  }
}
