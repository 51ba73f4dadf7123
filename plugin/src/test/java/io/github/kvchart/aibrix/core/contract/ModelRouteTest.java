package io.github.kvchart.aibrix.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.validate.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * model-route: requests without a routing strategy go through the HTTPRoute AIBrix makes from the
 * workload's own labels, to the Service named after the model on the port label's port (AIBrix
 * v0.4.1 to v0.7.0 createHTTPRoute and validateHTTPRouteStatus; Envoy Gateway's PortNotFound;
 * Kubernetes' FindPort). Each case changes one link of that chain in a model that is otherwise
 * clean.
 */
class ModelRouteTest {
  @TempDir Path temp;

  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: llama, labels: {model.aibrix.ai/name: llama}}
      spec:
        selector: {matchLabels: {model.aibrix.ai/name: llama}}
        template:
          metadata:
            labels: {model.aibrix.ai/name: llama}
          spec:
            containers:
              - name: vllm
                image: vllm/vllm-openai:v0.11.0
                command: [vllm, serve]
                args: [m, --served-model-name, llama]
                ports:
                  - {name: serve, containerPort: 8000}
      """;

  private static final String SERVICE =
      """
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: llama}
      spec:
        selector: {model.aibrix.ai/name: llama}
        ports:
          - {name: serve, port: 8000, targetPort: serve}
      """;

  private List<Violation> validate(String yaml) throws Exception {
    return Fixtures.validate(temp, yaml, "1.32");
  }

  private List<String> rules(String yaml) throws Exception {
    return validate(yaml).stream().map(Violation::rule).toList();
  }

  private static final List<String> REPORTED = List.of("model-route");

  /** The user's own HTTPRoute for the model, in AIBrix's namespace. */
  private static final String USER_ROUTE =
      """
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata: {name: llama-router, namespace: aibrix-system}
      spec:
        rules:
          - backendRefs: [{name: llama, namespace: default, port: 8000}]
      """;

  @Test
  void theWholeChainIsClean() throws Exception {
    assertEquals(List.of(), rules(DEPLOYMENT + SERVICE));
    assertEquals(List.of(), rules(DEPLOYMENT)); // a Service elsewhere cannot be checked
  }

  @Test
  void aWorkloadWithoutTheModelNameMakesNoRoute() throws Exception {
    String unnamed =
        DEPLOYMENT.replace(
            "metadata: {name: llama, labels: {model.aibrix.ai/name: llama}}",
            "metadata: {name: llama, labels: {app: llama}}");
    List<Violation> found = validate(unnamed + SERVICE);
    assertEquals(REPORTED, found.stream().map(Violation::rule).toList());
    assertTrue(found.get(0).message().contains("no route llama-router"), found.toString());
    assertEquals(3, found.get(0).line());
    String renamed =
        DEPLOYMENT.replace(
            "labels: {model.aibrix.ai/name: llama}}", "labels: {model.aibrix.ai/name: llama-3}}");
    assertEquals(REPORTED, rules(renamed));
    // the user's own route takes the place of AIBrix's
    // (HTTPRoute's schema is not shipped: schema-missing, which is not this rule's)
    assertEquals(List.of("schema-missing"), rules(unnamed + SERVICE + USER_ROUTE));
  }

  @Test
  void aKindTheModelRouterDoesNotWatchGetsNoRoute() throws Exception {
    String statefulSet =
        DEPLOYMENT
            .replace("kind: Deployment", "kind: StatefulSet")
            .replace("spec:\n  selector:", "spec:\n  serviceName: llama\n  selector:");
    List<Violation> found = validate(statefulSet + SERVICE);
    assertEquals(REPORTED, found.stream().map(Violation::rule).toList());
    assertEquals(io.github.kvchart.aibrix.core.manifest.Severity.WARNING, found.get(0).severity());
    assertTrue(
        found.get(0).message().contains("StatefulSet's pods serve model 'llama'"),
        found.toString());
    // a Deployment of the same model makes the route; so does the user's own HTTPRoute
    assertEquals(
        List.of(),
        rules(
            statefulSet
                + SERVICE
                + "---\n"
                + DEPLOYMENT.replace("name: llama,", "name: llama-2,")));
    assertTrue(
        rules(statefulSet + SERVICE + USER_ROUTE).stream().noneMatch(r -> r.equals("model-route")));
    // a dump of a Deployment's ReplicaSet is made by the Deployment, which makes the route
    String dumped =
        DEPLOYMENT
            .replace("kind: Deployment", "kind: ReplicaSet")
            .replace(
                "metadata: {name: llama,",
                "metadata: {name: llama-5d4f, ownerReferences: [{apiVersion: apps/v1, kind:"
                    + " Deployment, name: llama, uid: u}],");
    assertEquals(List.of(), rules(dumped + SERVICE));
  }

  @Test
  void aModelNameThatCannotNameAServiceIsReported() throws Exception {
    String upper =
        DEPLOYMENT
            .replace("model.aibrix.ai/name: llama", "model.aibrix.ai/name: Llama-3")
            .replace("--served-model-name, llama", "--served-model-name, Llama-3");
    List<Violation> found = validate(upper);
    assertEquals(REPORTED, found.stream().map(Violation::rule).toList());
    assertTrue(found.get(0).fix().contains("'llama-3'"), found.toString());
  }

  @Test
  void theServiceNeedsTheRoutesTcpPort() throws Exception {
    assertEquals(REPORTED, rules(DEPLOYMENT + SERVICE.replace("port: 8000,", "port: 80,")));
    assertEquals(
        REPORTED,
        rules(
            DEPLOYMENT
                + SERVICE.replace("targetPort: serve}", "targetPort: serve, protocol: UDP}")));
    // the port label moves the route's port
    String labelled =
        DEPLOYMENT.replace(
            "labels: {model.aibrix.ai/name: llama}}",
            "labels: {model.aibrix.ai/name: llama, model.aibrix.ai/port: \"80\"}}");
    assertTrue(
        rules(labelled + SERVICE.replace("port: 8000,", "port: 80,")).stream()
            .noneMatch("model-route"::equals));
    // a Service of the same name in another namespace is not the route's backend
    assertEquals(
        List.of(),
        rules(
            DEPLOYMENT
                + SERVICE
                    .replace("port: 8000,", "port: 80,")
                    .replace("{name: llama}", "{name: llama, namespace: other}")));
  }

  @Test
  void theServiceSelectsTheServingPods() throws Exception {
    assertEquals(
        REPORTED,
        rules(DEPLOYMENT + SERVICE.replace("{model.aibrix.ai/name: llama}", "{app: llama}")));
    // a Service without a selector has endpoints the user manages
    assertEquals(
        List.of(),
        rules(DEPLOYMENT + SERVICE.replace("  selector: {model.aibrix.ai/name: llama}\n", "")));
  }

  @Test
  void theTargetPortLeadsToVllm() throws Exception {
    assertEquals(
        REPORTED, rules(DEPLOYMENT + SERVICE.replace("targetPort: serve", "targetPort: 9000")));
    assertEquals(
        REPORTED, rules(DEPLOYMENT + SERVICE.replace("targetPort: serve", "targetPort: http")));
    // unset: the port itself, which vLLM listens on by default
    assertEquals(List.of(), rules(DEPLOYMENT + SERVICE.replace(", targetPort: serve", "")));
    // a named port of the wrong number
    assertEquals(
        REPORTED,
        rules(
            DEPLOYMENT.replace(
                    "{name: serve, containerPort: 8000}", "{name: serve, containerPort: 8001}")
                + SERVICE));
    // a named port of a sidecar (an init container that keeps running) is found, as FindPort does
    String sidecar =
        DEPLOYMENT
            .replace("{name: serve, containerPort: 8000}", "{name: metrics, containerPort: 9400}")
            .replace(
                "      containers:\n",
                """
                      initContainers:
                        - name: proxy
                          image: envoyproxy/envoy:v1.33.2
                          restartPolicy: Always
                          ports: [{name: serve, containerPort: 8000}]
                      containers:
                """);
    assertEquals(List.of(), rules(sidecar + SERVICE));
  }

  @Test
  void aStrategyForEveryRequestTakesTheRouteOffThePath() throws Exception {
    String broken = DEPLOYMENT + SERVICE.replace("port: 8000,", "port: 80,");
    String gateway = GatewayFixture.deployment("{name: ROUTING_ALGORITHM, value: random}");
    assertEquals(List.of(), rules(broken + gateway));
    String profile =
        "{\"defaultProfile\":\"p\",\"profiles\":{\"p\":{\"routingStrategy\":\"random\"}}}";
    assertEquals(List.of(), rules(profiled(broken, profile)));
    // a profile the gateway drops (no profiles), or one without a strategy, routes nothing
    assertEquals(
        List.of("model-config-profile", "model-route"),
        rules(profiled(broken, "{\"defaultProfile\":\"p\"}")));
    assertEquals(
        REPORTED, rules(profiled(broken, profile.replace("\"routingStrategy\":\"random\"", ""))));
  }

  /** {@code yaml} with the annotation model.aibrix.ai/config: {@code json} on its pods. */
  private static String profiled(String yaml, String json) {
    return yaml.replace(
        "      labels: {model.aibrix.ai/name: llama}\n    spec:",
        "      labels: {model.aibrix.ai/name: llama}\n"
            + "      annotations: {model.aibrix.ai/config: '"
            + json
            + "'}\n"
            + "    spec:");
  }

  @Test
  void controllerLabelsAreSelectable() throws Exception {
    // KubeRay labels a head pod ray.io/node-type: head; LeaderWorkerSet labels a leader
    // worker-index "0": Services that select them select the serving pods.
    String fleet =
        """
        apiVersion: orchestration.aibrix.ai/v1alpha1
        kind: RayClusterFleet
        metadata: {name: llama, labels: {model.aibrix.ai/name: llama}}
        spec:
          selector: {matchLabels: {model.aibrix.ai/name: llama}}
          template:
            metadata: {labels: {model.aibrix.ai/name: llama}}
            spec:
              headGroupSpec:
                rayStartParams: {}
                template:
                  metadata: {labels: {model.aibrix.ai/name: llama}}
                  spec:
                    containers:
                      - name: ray-head
                        image: vllm/vllm-openai:v0.11.0
                        command: [sh, -c, 'vllm serve m --served-model-name llama']
        """;
    String headService =
        SERVICE
            .replace(
                "{model.aibrix.ai/name: llama}",
                "{model.aibrix.ai/name: llama, ray.io/node-type: head}")
            .replace("targetPort: serve", "targetPort: 8000");
    assertEquals(List.of(), rules(fleet + headService));
    assertEquals(
        REPORTED, rules(fleet + headService.replace("node-type: head", "node-type: worker")));
    String lws =
        """
        apiVersion: leaderworkerset.x-k8s.io/v1
        kind: LeaderWorkerSet
        metadata: {name: llama-lws, labels: {model.aibrix.ai/name: llama}}
        spec:
          leaderWorkerTemplate:
            size: 2
            leaderTemplate:
              metadata: {labels: {model.aibrix.ai/name: llama}}
              spec:
                containers:
                  - name: vllm
                    image: vllm/vllm-openai:v0.11.0
                    command: [sh, -c, 'ray start --head && vllm serve m --served-model-name llama']
            workerTemplate:
              spec:
                containers:
                  - name: vllm
                    image: vllm/vllm-openai:v0.11.0
                    command: [sh, -c, 'ray start --address=$(LWS_LEADER_ADDRESS) --block']
        """;
    String leaderService =
        SERVICE
            .replace(
                "{model.aibrix.ai/name: llama}",
                "{leaderworkerset.sigs.k8s.io/name: llama-lws,"
                    + " leaderworkerset.sigs.k8s.io/worker-index: '0'}")
            .replace("targetPort: serve", "targetPort: 8000");
    assertEquals(List.of(), rules(lws + leaderService));
    // (named like the model, the LeaderWorkerSet would lose its headless Service to this one)
    assertEquals(
        List.of("lws-headless-service"),
        rules(
            lws.replace("name: llama-lws,", "name: llama,")
                + leaderService.replace("llama-lws", "llama")));
  }

  @Test
  void aSecondServiceBesideTheModelsOwnIsNoNameMismatch() throws Exception {
    String kv =
        DEPLOYMENT
            .replace(
                "labels: {model.aibrix.ai/name: llama}\n    spec:",
                "labels: {model.aibrix.ai/name: llama, model.aibrix.ai/kv-events-enabled: \"true\"}\n    spec:")
            .replace(
                "args: [m, --served-model-name, llama]",
                "args: [m, --served-model-name, llama, --kv-events-config,"
                    + " '{\"enable_kv_cache_events\":true,\"publisher\":\"zmq\",\"endpoint\":\"tcp://*:5557\",\"replay_endpoint\":\"tcp://*:5558\",\"buffer_steps\":10000}']")
            .replace(
                "- {name: serve, containerPort: 8000}",
                "- {name: serve, containerPort: 8000}\n"
                    + "            - {name: kv-events, containerPort: 5557}\n"
                    + "            - {name: kv-replay, containerPort: 5558}");
    String metrics =
        """
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: llama-metrics}
        spec:
          clusterIP: None
          selector: {model.aibrix.ai/name: llama}
          ports:
            - {name: metrics, port: 8000}
        """;
    assertEquals(List.of(), rules(kv + SERVICE));
    assertEquals(List.of(), rules(kv + SERVICE + metrics));
    assertEquals(List.of("kv-name-mismatch"), rules(kv + metrics));
    // a Service selects pods of its own namespace only
    assertEquals(
        List.of(),
        rules(
            kv
                + metrics.replace(
                    "{name: llama-metrics}", "{name: llama-metrics, namespace: other}")));
  }
}
