package io.github.kvchart.aibrix.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark corpus: files of mixed documents (Deployments of about 60 lines, Services,
 * NetworkPolicies, PodAutoscalers, ConfigMaps), mostly valid, every twentieth Deployment with a
 * typo.
 */
final class Corpus {
  private Corpus() {}

  static String deployment(String name, boolean typo) {
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: "
        + name
        + "\n  labels:\n"
        + "    model.aibrix.ai/name: "
        + name
        + "\n    app.kubernetes.io/name: "
        + name
        + "\nspec:\n"
        // Autoscaled (see podAutoscaler), so no replicas; a seeded typo is the one schema error.
        + (typo ? "  replicaz: 2\n" : "")
        + "  selector:\n    matchLabels:\n      model.aibrix.ai/name: "
        + name
        + "\n"
        + "  template:\n    metadata:\n      labels:\n        model.aibrix.ai/name: "
        + name
        + "\n"
        + "        model.aibrix.ai/port: \"8000\"\n        model.aibrix.ai/engine: vllm\n"
        + "        model.aibrix.ai/kv-events-enabled: \"true\"\n    spec:\n      containers:\n"
        + "        - name: vllm-openai\n          image: vllm/vllm-openai:v0.11.0\n          command:\n"
        + "            - vllm\n            - serve\n          args:\n            - org/"
        + name
        + "\n"
        + "            - --host\n            - 0.0.0.0\n            - --port\n            - \"8000\"\n"
        + "            - --served-model-name\n            - "
        + name
        + "\n            - --enable-prefix-caching\n"
        + "            - --kv-events-config\n"
        + "            - '{\"enable_kv_cache_events\":true,\"publisher\":\"zmq\",\"endpoint\":\"tcp://*:5557\","
        + "\"replay_endpoint\":\"tcp://*:5558\",\"buffer_steps\":10000}'\n"
        + "          ports:\n            - name: serve\n              containerPort: 8000\n"
        + "            - name: kv-events\n              containerPort: 5557\n"
        + "            - name: kv-replay\n              containerPort: 5558\n"
        + "          readinessProbe:\n            httpGet:\n              path: /health\n              port: serve\n"
        + "          resources:\n            requests:\n              cpu: \"4\"\n              memory: 16Gi\n"
        + "              nvidia.com/gpu: \"1\"\n            limits:\n              nvidia.com/gpu: \"1\"\n"
        + "          volumeMounts:\n            - name: dshm\n              mountPath: /dev/shm\n"
        + "      volumes:\n        - name: dshm\n          emptyDir:\n            medium: Memory\n";
  }

  static String service(String name) {
    return "apiVersion: v1\nkind: Service\nmetadata:\n  name: "
        + name
        + "\n  labels:\n    model.aibrix.ai/name: "
        + name
        + "\nspec:\n  type: ClusterIP\n  selector:\n    model.aibrix.ai/name: "
        + name
        + "\n  ports:\n"
        + "    - name: serve\n      port: 8000\n      targetPort: serve\n      protocol: TCP\n";
  }

  static String networkPolicy(String name) {
    return "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: "
        + name
        + "-gateway\nspec:\n"
        + "  podSelector:\n    matchLabels:\n      model.aibrix.ai/name: "
        + name
        + "\n  policyTypes:\n    - Ingress\n"
        + "  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n"
        + "              kubernetes.io/metadata.name: aibrix-system\n          podSelector:\n            matchLabels:\n"
        + "              app: gateway-plugins\n      ports:\n        - protocol: TCP\n          port: 8000\n"
        + "        - protocol: TCP\n          port: 5557\n        - protocol: TCP\n          port: 5558\n"
        + "    - from:\n        - namespaceSelector:\n            matchLabels:\n"
        + "              kubernetes.io/metadata.name: envoy-gateway-system\n          podSelector:\n"
        + "            matchLabels:\n              app.kubernetes.io/name: envoy\n"
        + "              gateway.envoyproxy.io/owning-gateway-name: aibrix-eg\n"
        + "        - namespaceSelector:\n            matchLabels:\n"
        + "              kubernetes.io/metadata.name: aibrix-system\n          podSelector:\n"
        + "            matchLabels:\n              control-plane: controller-manager\n"
        + "      ports:\n        - protocol: TCP\n          port: 8000\n";
  }

  static String podAutoscaler(String name) {
    return "apiVersion: autoscaling.aibrix.ai/v1alpha1\nkind: PodAutoscaler\nmetadata:\n  name: "
        + name
        + "-kpa\nspec:\n"
        + "  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: "
        + name
        + "\n"
        + "  minReplicas: 1\n  maxReplicas: 4\n  scalingStrategy: KPA\n  metricsSources:\n"
        + "    - metricSourceType: pod\n      protocolType: http\n      port: \"8000\"\n      path: metrics\n"
        + "      targetMetric: kv_cache_usage_perc\n      targetValue: \"0.5\"\n";
  }

  static String configMap(String name) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
        + name
        + "-config\ndata:\n"
        + "  MODEL: "
        + name
        + "\n  LOG_LEVEL: info\n  MAX_BATCH: \"256\"\n";
  }

  /** {@code files} files of {@code perFile} documents each; returns the paths. */
  static List<Path> write(Path dir, int files, int perFile) throws IOException {
    Files.createDirectories(dir);
    List<Path> paths = new ArrayList<>();
    int doc = 0;
    for (int f = 0; f < files; f++) {
      StringBuilder text = new StringBuilder();
      for (int d = 0; d < perFile; d++, doc++) {
        String name = "model-" + doc;
        text.append("---\n")
            .append(
                switch (doc % 5) {
                  case 0 -> deployment(name, doc % 100 == 0);
                  case 1 -> service("model-" + (doc - 1));
                  case 2 -> networkPolicy("model-" + (doc - 2));
                  case 3 -> podAutoscaler("model-" + (doc - 3));
                  default -> configMap(name);
                });
      }
      Path file = dir.resolve(String.format("f%04d.yaml", f));
      Files.writeString(file, text);
      paths.add(file);
    }
    return paths;
  }

  /**
   * One file of {@code count} Deployments, each with a typo: every document has a violation to
   * locate (an all-in-one manifest, as kustomize or helm template writes, gone wrong).
   */
  static Path writeAllBroken(Path dir, int count) throws IOException {
    Files.createDirectories(dir);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append("---\n").append(deployment("broken-" + i, true));
    }
    Path file = dir.resolve("all-in-one.yaml");
    Files.writeString(file, text);
    return file;
  }

  /**
   * One kind: List of {@code count} Deployments, each with a typo (what kubectl get -o yaml
   * writes).
   */
  static Path writeBrokenList(Path dir, int count) throws IOException {
    Files.createDirectories(dir);
    StringBuilder text = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
    for (int i = 0; i < count; i++) {
      String item = deployment("listed-" + i, true).strip();
      text.append("  - ").append(item.replace("\n", "\n    ")).append('\n');
    }
    Path file = dir.resolve("list.yaml");
    Files.writeString(file, text);
    return file;
  }

  /** Single-document files, valid, in the same mix (the peer reads one document per file). */
  static List<Path> writeSingles(Path dir, int count) throws IOException {
    Files.createDirectories(dir);
    List<Path> paths = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = "single-" + (i - i % 5);
      String text =
          switch (i % 5) {
            case 0 -> deployment(name, false);
            case 1 -> service(name);
            case 2 -> networkPolicy(name);
            case 3 -> podAutoscaler(name);
            default -> configMap(name);
          };
      Path file = dir.resolve(String.format("s%04d.yaml", i));
      Files.writeString(file, text);
      paths.add(file);
    }
    return paths;
  }
}
