package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kvchart.aibrix.core.Quantity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Label and annotation syntax as the API server checks it, compared with the regular expressions of
 * kubernetes' apimachinery (content/kube.go, util/validation/validation.go) on random words.
 */
class ApiValidationTest {
  @TempDir Path temp;

  private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern VALUE =
      Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /** IsQualifiedName, as apimachinery writes it. */
  private static boolean qualified(String key) {
    String[] parts = key.split("/", -1);
    if (parts.length > 2) {
      return false;
    }
    String name = parts[parts.length - 1];
    if (parts.length == 2
        && (parts[0].isEmpty()
            || parts[0].length() > 253
            || !SUBDOMAIN.matcher(parts[0]).matches())) {
      return false;
    }
    return !name.isEmpty() && name.length() <= 63 && NAME.matcher(name).matches();
  }

  @Test
  void keysAndValuesAgreeWithTheApiServersExpressions() {
    Random random = new Random(7);
    String alphabet = "abcXYZ019-_./ :~é";
    for (int n = 0; n < 200_000; n++) {
      StringBuilder word = new StringBuilder();
      int length = random.nextInt(n % 10 == 0 ? 80 : 8);
      for (int i = 0; i < length; i++) {
        word.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String text = word.toString();
      assertEquals(qualified(text), ApiSyntax.keyProblem(text) == null, text);
      assertEquals(
          text.length() <= 63 && VALUE.matcher(text).matches(),
          ApiSyntax.valueProblem(text) == null,
          text);
    }
  }

  @Test
  void edgeLengths() {
    assertEquals(null, ApiSyntax.valueProblem("a".repeat(63)));
    assertEquals(false, ApiSyntax.valueProblem("a".repeat(64)) == null);
    assertEquals(null, ApiSyntax.keyProblem("a".repeat(253) + "/" + "b".repeat(63)));
    assertEquals(false, ApiSyntax.keyProblem("a".repeat(254) + "/b") == null);
    assertEquals(false, ApiSyntax.keyProblem("A.com/b") == null);
    assertEquals(false, ApiSyntax.keyProblem("/b") == null);
  }

  private List<String> rules(String yaml) throws Exception {
    return Fixtures.validate(temp, yaml, "1.32").stream().map(Violation::rule).toList();
  }

  @Test
  void annotationsMayTotal256KiB() throws Exception {
    String configMap =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    a: '%s'\n";
    assertEquals(List.of(), rules(configMap.formatted("x".repeat(256 * 1024 - 1))));
    assertEquals(List.of("api-validation"), rules(configMap.formatted("x".repeat(256 * 1024))));
  }

  /**
   * The API server checks a custom resource's own metadata, never its pod templates: what their
   * pods would be refused for is pod-template-refused's warning.
   */
  @Test
  void customResourcesHaveTheirOwnMetadataCheckedAndTheirPodTemplatesWarned() throws Exception {
    String podSet =
        """
        apiVersion: orchestration.aibrix.ai/v1alpha1
        kind: PodSet
        metadata: {name: p, labels: {%s}}
        spec:
          podGroupSize: 2
          template:
            metadata:
              labels: {bad: a/b}
            spec:
              containers: [{name: c, image: nginx}]
        """;
    assertEquals(List.of("pod-template-refused"), rules(podSet.formatted("ok: x")));
    assertEquals(
        List.of("api-validation", "pod-template-refused"), rules(podSet.formatted("bad: a/b")));
  }

  /** A Deployment (or another apps/v1 kind) whose pod spec is {@code spec} (YAML lines). */
  private static String workload(String kind, String selector, String labels, String spec) {
    return """
        apiVersion: apps/v1
        kind: %s
        metadata: {name: web}
        spec:
          selector: %s
          template:
            metadata:
              labels: %s
            spec:
        %s"""
        .formatted(kind, selector, labels, spec.stripTrailing().indent(6));
  }

  private static final String WEB = "containers: [{name: web, image: nginx:1.27}]";

  /** What a Deployment selecting app: web, with that label and pod spec {@code spec}, breaks. */
  private List<String> deployment(String spec) throws Exception {
    return rules(workload("Deployment", "{matchLabels: {app: web}}", "{app: web}", spec));
  }

  private List<String> messages(String yaml) throws Exception {
    return Fixtures.validate(temp, yaml, "1.32").stream()
        .map(v -> v.rule() + ": " + v.message())
        .toList();
  }

  @Test
  void selectorsMustBeWellFormedAndSelectTheTemplate() throws Exception {
    String match = "{matchLabels: {app: web}}";
    assertEquals(List.of(), rules(workload("Deployment", match, "{app: web, x: z}", WEB)));
    assertEquals(
        List.of("api-validation"), rules(workload("Deployment", match, "{app: other}", WEB)));
    assertEquals(List.of("api-validation"), rules(workload("ReplicaSet", match, "{}", WEB)));
    assertEquals(
        List.of("api-validation"),
        rules(workload("DaemonSet", "{matchLabels: {}}", "{app: web}", WEB)));
    assertEquals(
        List.of("api-validation"),
        rules(
            workload(
                "Deployment",
                "{matchExpressions: [{key: app, operator: Equals, values: [web]}]}",
                "{app: web}",
                WEB)));
    assertEquals(
        List.of("api-validation"),
        rules(
            workload(
                "Deployment",
                "{matchExpressions: [{key: app, operator: Exists, values: [web]}]}",
                "{app: web}",
                WEB)));
    assertEquals(
        List.of(),
        rules(
            workload(
                "Deployment",
                "{matchExpressions: [{key: app, operator: NotIn, values: [db]}]}",
                "{app: web}",
                WEB)));
  }

  @Test
  void aStatefulSetsPodSpecIsNotValidatedButItsSelectorIs() throws Exception {
    String noImage = "containers: [{name: Web}]";
    String statefulSet =
        workload("StatefulSet", "{matchLabels: {app: web}}", "{app: web}", noImage);
    assertEquals(
        List.of("pod-template-refused", "pod-template-refused"),
        rules(statefulSet.replace("spec:\n  selector", "spec:\n  serviceName: web\n  selector")));
    assertEquals(
        List.of("api-validation", "pod-template-refused", "pod-template-refused"),
        rules(
            workload("StatefulSet", "{matchLabels: {app: web}}", "{app: db}", noImage)
                .replace("spec:\n  selector", "spec:\n  serviceName: web\n  selector")));
  }

  @Test
  void containerNamesImagesAndPorts() throws Exception {
    assertEquals(
        List.of(
            "api-validation: the pod has two containers named 'web'; the API server wants each"
                + " name once."),
        messages(
            workload(
                "Deployment",
                "{matchLabels: {app: web}}",
                "{app: web}",
                "initContainers: [{name: web, image: busybox}]\n" + WEB)));
    // Web_1 is no DNS label and has no image; ok's image is empty
    assertEquals(
        List.of("api-validation", "api-validation", "api-validation"),
        deployment("containers: [{name: Web_1}, {name: ok, image: ''}]"));
    assertEquals(
        List.of("api-validation", "api-validation", "api-validation", "api-validation"),
        deployment(
            "containers:\n  - name: web\n    image: nginx\n    ports:\n"
                + "      - {containerPort: 70000}\n"
                + "      - {containerPort: 80, hostPort: 65536}\n"
                + "      - {containerPort: 81, name: HTTP}\n"
                + "      - {containerPort: 82, name: a-very-long-port-name}\n"
                + "      - {containerPort: 83, hostPort: 0, name: web-1}"));
    // a port name is unique within its container, not across the pod
    assertEquals(
        List.of(),
        deployment(
            "containers:\n  - {name: a, image: x, ports: [{name: http, containerPort: 80}]}\n"
                + "  - {name: b, image: x, ports: [{name: http, containerPort: 81}]}"));
    assertEquals(
        List.of("api-validation"),
        deployment(
            "containers:\n  - {name: a, image: x, ports: [{name: http, containerPort: 80},"
                + " {name: http, containerPort: 81}]}"));
    assertEquals(List.of("api-validation"), deployment("containers: []"));
  }

  @Test
  void volumesAndMounts() throws Exception {
    String pod =
        "containers:\n  - name: web\n    image: nginx\n    volumeMounts:\n%s"
            + "volumes:\n  - {name: data, emptyDir: {}}\n%s";
    assertEquals(
        List.of(),
        deployment(
            pod.formatted(
                "      - {name: data, mountPath: /a}\n      - {name: data, mountPath: /b}\n", "")));
    assertEquals(
        List.of("api-validation"),
        deployment(pod.formatted("      - {name: cache, mountPath: /a}\n", "")));
    assertEquals(
        List.of("api-validation"),
        deployment(
            pod.formatted(
                "      - {name: data, mountPath: /a}\n      - {name: data, mountPath: /a}\n", "")));
    assertEquals(
        List.of("api-validation", "api-validation"),
        deployment(
            pod.formatted(
                "      - {name: data, mountPath: /a}\n",
                "  - {name: data, emptyDir: {}}\n  - {name: Cache, emptyDir: {}}\n")));
  }

  @Test
  void portNamesAgreeWithTheApiServersRules() {
    Random random = new Random(11);
    String alphabet = "ab09-A_";
    Pattern charset = Pattern.compile("[-a-z0-9]+");
    Pattern letter = Pattern.compile(".*[a-z].*");
    for (int n = 0; n < 100_000; n++) {
      StringBuilder word = new StringBuilder();
      int length = 1 + random.nextInt(18);
      for (int i = 0; i < length; i++) {
        word.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String name = word.toString();
      boolean valid =
          name.length() <= 15
              && charset.matcher(name).matches()
              && letter.matcher(name).matches()
              && !name.contains("--")
              && !name.startsWith("-")
              && !name.endsWith("-");
      assertEquals(valid, ApiSyntax.portNameProblem(name) == null, name);
    }
  }

  private static String service(String spec) {
    return "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n"
        + spec.stripTrailing().indent(2);
  }

  @Test
  void servicePorts() throws Exception {
    assertEquals(
        List.of(),
        rules(
            service(
                "selector: {app: web}\nports:\n  - {name: http, port: 80, targetPort: http-alt}\n"
                    + "  - {name: dns, port: 53, protocol: UDP}\n"
                    + "  - {name: dns-tcp, port: 53, targetPort: 0}")));
    assertEquals(List.of(), rules(service("clusterIP: None\nselector: {app: web}")));
    assertEquals(List.of(), rules(service("type: ExternalName\nexternalName: example.com")));
    assertEquals(List.of("api-validation"), rules(service("selector: {app: web}")));
    assertEquals(
        List.of("api-validation"),
        rules(service("ports:\n  - {name: http, port: 80}\n  - {port: 81}")));
    assertEquals(List.of("api-validation"), rules(service("ports:\n  - {name: HTTP, port: 80}")));
    assertEquals(
        List.of("api-validation"),
        rules(service("ports:\n  - {name: a, port: 80}\n  - {name: a, port: 81}")));
    assertEquals(List.of("api-validation"), rules(service("ports:\n  - {port: 0}")));
    assertEquals(
        List.of("api-validation"), rules(service("ports:\n  - {port: 80, targetPort: 65536}")));
    assertEquals(
        List.of("api-validation"),
        rules(service("ports:\n  - {port: 80, targetPort: metrics_port}")));
    assertEquals(
        List.of("api-validation"),
        rules(service("ports:\n  - {name: a, port: 80}\n  - {name: b, port: 80, protocol: TCP}")));
    assertEquals(
        List.of("api-validation"), rules(service("selector: {app: a/b}\nports:\n  - {port: 80}")));
  }

  @Test
  void namesOfBuiltInKinds() throws Exception {
    String configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {%s}\n";
    assertEquals(List.of(), rules(configMap.formatted("name: llama.config-1")));
    assertEquals(List.of("api-validation"), rules(configMap.formatted("name: Llama_Config")));
    assertEquals(List.of("api-validation"), rules(configMap.formatted("labels: {a: b}")));
    assertEquals(List.of(), rules(configMap.formatted("generateName: llama-")));
    String service =
        "apiVersion: v1\nkind: Service\nmetadata: {name: %s}\nspec: {ports: [{port: 80}]}\n";
    assertEquals(List.of(), rules(service.formatted("llama-8b")));
    assertEquals(List.of("api-validation"), rules(service.formatted("8b-llama")));
    assertEquals(List.of("api-validation"), rules(service.formatted("llama.8b")));
    String cronJob =
        "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: %s}\nspec:\n  schedule: '* * * * *'\n"
            + "  jobTemplate:\n    spec:\n      template:\n        spec:\n"
            + "          restartPolicy: Never\n          containers: [{name: c, image: busybox}]\n";
    assertEquals(List.of(), rules(cronJob.formatted("a".repeat(52))));
    assertEquals(List.of("api-validation"), rules(cronJob.formatted("a".repeat(53))));
    // a StatefulSet's name went from a DNS subdomain to a DNS label: every release refuses what
    // is no subdomain
    String statefulSet =
        workload("StatefulSet", "{matchLabels: {app: web}}", "{app: web}", WEB)
            .replace("metadata: {name: web}", "metadata: {name: %s}")
            .replace("spec:\n  selector", "spec:\n  serviceName: web\n  selector");
    assertEquals(List.of(), rules(statefulSet.formatted("web.v1")));
    assertEquals(List.of("api-validation"), rules(statefulSet.formatted("Web_1")));
  }

  /** A Deployment with {@code spec} (YAML lines at the top of spec) added to a valid one. */
  private List<String> deploymentSpec(String spec) throws Exception {
    return rules(
        workload("Deployment", "{matchLabels: {app: web}}", "{app: web}", WEB)
            .replace(
                "spec:\n  selector", "spec:\n" + spec.stripTrailing().indent(2) + "  selector"));
  }

  @Test
  void controllerSpecs() throws Exception {
    String job =
        "apiVersion: batch/v1\nkind: Job\nmetadata: {name: once}\nspec:\n  template:\n"
            + "    spec:\n%s      containers: [{name: c, image: busybox}]\n";
    assertEquals(List.of(), rules(job.formatted("      restartPolicy: OnFailure\n")));
    assertEquals(List.of("api-validation"), rules(job.formatted("")));
    assertEquals(List.of("api-validation"), rules(job.formatted("      restartPolicy: Always\n")));
    assertEquals(
        List.of("api-validation"),
        rules(
            job.formatted("      restartPolicy: Never\n")
                .replace("spec:\n  template", "spec:\n  backoffLimit: -1\n  template")));
    assertEquals(
        List.of(), deploymentSpec("replicas: 0\nminReadySeconds: 5\nprogressDeadlineSeconds: 6"));
    assertEquals(List.of("api-validation"), deploymentSpec("replicas: -1"));
    assertEquals(
        List.of("api-validation"),
        deploymentSpec("minReadySeconds: 10\nprogressDeadlineSeconds: 10"));
    assertEquals(
        List.of("api-validation"),
        rules(
            workload(
                "Deployment",
                "{matchLabels: {app: web}}",
                "{app: web}",
                "restartPolicy: Never\n" + WEB)));
    assertEquals(
        List.of("api-validation"),
        rules(
            workload(
                "ReplicaSet",
                "{matchLabels: {app: web}}",
                "{app: web}",
                "activeDeadlineSeconds: 60\n" + WEB)));
  }

  @Test
  void deploymentStrategies() throws Exception {
    assertEquals(List.of(), deploymentSpec("strategy: {type: Recreate}"));
    assertEquals(
        List.of(),
        deploymentSpec("strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: '0%'}}"));
    assertEquals(List.of(), deploymentSpec("strategy: {rollingUpdate: {maxUnavailable: 0}}"));
    assertEquals(
        List.of("api-validation"),
        deploymentSpec("strategy: {type: Recreate, rollingUpdate: {maxSurge: 1}}"));
    assertEquals(
        List.of("api-validation"), deploymentSpec("strategy: {rollingUpdate: {maxSurge: '1'}}"));
    assertEquals(
        List.of("api-validation"),
        deploymentSpec("strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: '0%'}}"));
    assertEquals(
        List.of("api-validation"),
        deploymentSpec("strategy: {rollingUpdate: {maxUnavailable: 150%}}"));
    assertEquals(
        List.of("api-validation"), deploymentSpec("strategy: {rollingUpdate: {maxSurge: -1}}"));
  }

  @Test
  void probesHaveOneHandler() throws Exception {
    String probe = "containers:\n  - name: web\n    image: nginx\n    livenessProbe: %s";
    assertEquals(List.of(), deployment(probe.formatted("{httpGet: {path: /, port: 80}}")));
    assertEquals(List.of(), deployment(probe.formatted("{exec: {command: [ls]}, httpGet: null}")));
    assertEquals(
        List.of("api-validation"),
        deployment(probe.formatted("{exec: {command: [ls]}, httpGet: {path: /, port: 80}}")));
    assertEquals(List.of("api-validation"), deployment(probe.formatted("{periodSeconds: 5}")));
  }

  @Test
  void resourcesAsTheApiServerReadsThem() throws Exception {
    String pod =
        "containers:\n  - name: vllm\n    image: vllm/vllm-openai:v0.11.0\n    resources: %s";
    assertEquals(
        List.of(),
        deployment(
            pod.formatted(
                "{limits: {nvidia.com/gpu: 1, cpu: 2, memory: 16Gi},"
                    + " requests: {cpu: 500m, memory: 16384Mi, nvidia.com/gpu: '1'}}")));
    assertEquals(List.of(), deployment(pod.formatted("{limits: {nvidia.com/gpu: 2}}")));
    assertEquals(List.of(), deployment(pod.formatted("{requests: {cpu: 4, memory: 1e9}}")));
    // a GPU request without a limit, unequal to it, or a fraction
    assertEquals(
        List.of("api-validation"), deployment(pod.formatted("{requests: {nvidia.com/gpu: 1}}")));
    assertEquals(
        List.of("api-validation"),
        deployment(pod.formatted("{requests: {amd.com/gpu: 1}, limits: {amd.com/gpu: 2}}")));
    assertEquals(
        List.of("api-validation"), deployment(pod.formatted("{limits: {nvidia.com/gpu: 500m}}")));
    // a request above its limit, compared as quantities
    assertEquals(
        List.of("api-validation"),
        deployment(pod.formatted("{requests: {memory: 17Gi}, limits: {memory: 16Gi}}")));
    assertEquals(
        List.of(), deployment(pod.formatted("{requests: {cpu: 1000m}, limits: {cpu: '1'}}")));
    assertEquals(List.of("api-validation"), deployment(pod.formatted("{requests: {cpu: '-1'}}")));
  }

  @Test
  void quantitiesReadExactly() {
    assertEquals(
        new java.math.BigDecimal("0.5"), Quantity.parse("500m").orElseThrow().stripTrailingZeros());
    assertEquals(
        0, new java.math.BigDecimal("17179869184").compareTo(Quantity.parse("16Gi").orElseThrow()));
    assertEquals(
        0, new java.math.BigDecimal("16000000").compareTo(Quantity.parse("16M").orElseThrow()));
    assertEquals(
        0, new java.math.BigDecimal("1000").compareTo(Quantity.parse("1e3").orElseThrow()));
    assertEquals(
        0, new java.math.BigDecimal("0.000002").compareTo(Quantity.parse("2u").orElseThrow()));
    assertEquals(
        0, new java.math.BigDecimal("0.000000005").compareTo(Quantity.parse("5n").orElseThrow()));
    assertEquals(true, Quantity.parse("1.5Gb").isEmpty());
    assertEquals(true, Quantity.parse("two").isEmpty());
  }

  @Test
  void aVolumeHasAtMostOneSource() throws Exception {
    String pod = "containers: [{name: web, image: nginx}]\nvolumes:\n  - %s";
    assertEquals(List.of(), deployment(pod.formatted("{name: data, emptyDir: {}}")));
    assertEquals(
        List.of(), deployment(pod.formatted("{name: data, emptyDir: null, configMap: {name: c}}")));
    assertEquals(
        List.of("api-validation"),
        deployment(
            pod.formatted("{name: data, emptyDir: {}, persistentVolumeClaim: {claimName: c}}")));
    // one without a source is defaulted to emptyDir (SetDefaults_Volume)
    assertEquals(List.of(), deployment(pod.formatted("{name: data}")));
  }
}
