package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values the API server takes from a fixed set (field.NotSupported in kubernetes' core and apps
 * validation), which the OpenAPI schema gives as plain strings, and the Service and toleration
 * fields that depend on each other. Each case changes one field of an object the API server takes;
 * an empty value passes where the API server defaults it, and only there.
 */
class SupportedValuesTest {
  @TempDir Path temp;

  private List<String> found(String yaml) throws Exception {
    return Fixtures.validate(temp, yaml, "1.35").stream()
        .map(v -> v.rule() + " " + v.pointer())
        .toList();
  }

  /** A v1 {@code kind} named web with the spec {@code spec} (YAML lines). */
  private List<String> object(String kind, String spec) throws Exception {
    return found(
        "apiVersion: v1\nkind: "
            + kind
            + "\nmetadata: {name: web}\nspec:\n"
            + spec.stripTrailing().indent(2));
  }

  private List<String> pod(String spec) throws Exception {
    return object("Pod", spec);
  }

  private static final String WEB = "containers:\n  - name: web\n    image: nginx:1.27\n";

  @Test
  void containerValues() throws Exception {
    assertEquals(
        List.of(),
        pod(
            WEB
                + "    imagePullPolicy: IfNotPresent\n    terminationMessagePolicy: ''\n"
                + "    ports: [{containerPort: 80, protocol: UDP}, {containerPort: 81}]\n"
                + "    readinessProbe: {httpGet: {path: /, port: 80, scheme: HTTPS}}\n"
                + "    lifecycle: {preStop: {httpGet: {path: /, port: 80, scheme: HTTP}}}"));
    assertEquals(
        List.of("api-validation /spec/containers/0/imagePullPolicy"),
        pod(WEB + "    imagePullPolicy: always"));
    assertEquals(
        List.of("api-validation /spec/containers/0/terminationMessagePolicy"),
        pod(WEB + "    terminationMessagePolicy: Logs"));
    assertEquals(
        List.of("api-validation /spec/containers/0/ports/0/protocol"),
        pod(WEB + "    ports: [{containerPort: 80, protocol: tcp}]"));
    assertEquals(
        List.of("api-validation /spec/containers/0/livenessProbe/httpGet/scheme"),
        pod(WEB + "    livenessProbe: {httpGet: {path: /, port: 80, scheme: https}}"));
    assertEquals(
        List.of("api-validation /spec/containers/0/lifecycle/postStart/httpGet/scheme"),
        pod(WEB + "    lifecycle: {postStart: {httpGet: {path: /, port: 80, scheme: GRPC}}}"));
  }

  @Test
  void onlyASidecarInitContainerHasProbes() throws Exception {
    String init = "initContainers:\n  - name: init\n    image: busybox\n";
    assertEquals(
        List.of(),
        pod(WEB + init + "    restartPolicy: Always\n    readinessProbe: {exec: {command: [ls]}}"));
    assertEquals(
        List.of("api-validation /spec/initContainers/0/readinessProbe"),
        pod(WEB + init + "    readinessProbe: {exec: {command: [ls]}}"));
    assertEquals(
        List.of("api-validation /spec/initContainers/0/lifecycle"),
        pod(WEB + init + "    lifecycle: {preStop: {exec: {command: [ls]}}}"));
  }

  @Test
  void podValues() throws Exception {
    assertEquals(List.of(), pod(WEB + "restartPolicy: OnFailure\ndnsPolicy: ClusterFirst"));
    assertEquals(List.of("api-validation /spec/restartPolicy"), pod(WEB + "restartPolicy: always"));
    assertEquals(List.of("api-validation /spec/dnsPolicy"), pod(WEB + "dnsPolicy: Cluster"));
    assertEquals(List.of("api-validation /spec/dnsPolicy"), pod(WEB + "dnsPolicy: None"));
    assertEquals(List.of(), pod(WEB + "dnsPolicy: None\ndnsConfig: {nameservers: [1.1.1.1]}"));
  }

  @Test
  void tolerations() throws Exception {
    assertEquals(
        List.of(),
        pod(
            WEB
                + "tolerations:\n"
                + "  - {key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}\n"
                + "  - {key: dedicated, value: llm}\n"
                + "  - {operator: Exists}\n"
                + "  - {key: node.kubernetes.io/not-ready, effect: NoExecute, tolerationSeconds: 30}"));
    for (String[] bad :
        new String[][] {
          {"{value: llm}", "/spec/tolerations/0"},
          {"{key: a, operator: exists}", "/spec/tolerations/0/operator"},
          {"{key: a, operator: Exists, value: b}", "/spec/tolerations/0/value"},
          {"{key: a, value: 'a b'}", "/spec/tolerations/0/value"},
          {"{key: a, effect: NoScheduled}", "/spec/tolerations/0/effect"},
          {"{key: a, tolerationSeconds: 5}", "/spec/tolerations/0/tolerationSeconds"},
          {"{key: 'a b', operator: Exists}", "/spec/tolerations/0/key"},
        }) {
      assertEquals(
          List.of("api-validation " + bad[1]), pod(WEB + "tolerations: [" + bad[0] + "]"), bad[0]);
    }
  }

  @Test
  void scheduling() throws Exception {
    String spread =
        "topologySpreadConstraints:\n  - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone,"
            + " whenUnsatisfiable: %s%s}\n";
    String affinity =
        "affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n"
            + "      nodeSelectorTerms:\n        - matchExpressions: [%s]\n"
            + "  podAntiAffinity:\n    preferredDuringSchedulingIgnoredDuringExecution:\n"
            + "      - weight: %s\n        podAffinityTerm: {topologyKey: %s}\n";
    String gpu = "{key: nvidia.com/gpu.product, operator: In, values: [NVIDIA-A100-SXM4-80GB]}";
    assertEquals(
        List.of(),
        pod(
            WEB
                + spread.formatted("DoNotSchedule", ", minDomains: 2, nodeTaintsPolicy: Honor")
                + affinity.formatted(gpu, "100", "kubernetes.io/hostname")));
    for (String[] bad :
        new String[][] {
          {spread.formatted("Always", ""), "/spec/topologySpreadConstraints/0/whenUnsatisfiable"},
          {
            spread.formatted("ScheduleAnyway", ", minDomains: 2"),
            "/spec/topologySpreadConstraints/0/minDomains"
          },
          {
            spread.formatted("DoNotSchedule", ", nodeTaintsPolicy: honor"),
            "/spec/topologySpreadConstraints/0/nodeTaintsPolicy"
          },
          {
            spread.formatted("DoNotSchedule", "").replace("maxSkew: 1", "maxSkew: 0"),
            "/spec/topologySpreadConstraints/0/maxSkew"
          },
          {
            affinity.formatted("{key: gpu, operator: Gt}", "1", "kubernetes.io/hostname"),
            "/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms/0/matchExpressions/0"
          },
          {
            affinity.formatted("{key: 'bad key', operator: Exists}", "1", "kubernetes.io/hostname"),
            "/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms/0/matchExpressions/0/key"
          },
          {
            affinity.formatted(gpu, "101", "kubernetes.io/hostname"),
            "/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/0/weight"
          },
          {
            affinity.formatted(gpu, "1", "''"),
            "/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/0/podAffinityTerm/topologyKey"
          },
        }) {
      assertEquals(List.of("api-validation " + bad[1]), pod(WEB + bad[0]), bad[0]);
    }
    String twice =
        spread.formatted("DoNotSchedule", "")
            + spread
                .formatted("DoNotSchedule", "")
                .substring("topologySpreadConstraints:\n".length());
    assertEquals(List.of("api-validation /spec/topologySpreadConstraints/1"), pod(WEB + twice));
  }

  @Test
  void securityAndHostNetwork() throws Exception {
    assertEquals(
        List.of(),
        pod(
            WEB
                + "    securityContext: {privileged: true, runAsUser: 0}\n"
                + "    ports: [{containerPort: 8000}]\nhostNetwork: true\n"
                + "securityContext: {fsGroup: 2000}"));
    assertEquals(
        List.of("api-validation /spec/containers/0/securityContext/allowPrivilegeEscalation"),
        pod(WEB + "    securityContext: {privileged: true, allowPrivilegeEscalation: false}"));
    assertEquals(
        List.of("api-validation /spec/containers/0/securityContext/allowPrivilegeEscalation"),
        pod(
            WEB
                + "    securityContext: {allowPrivilegeEscalation: false, capabilities: {add:"
                + " [CAP_SYS_ADMIN]}}"));
    assertEquals(
        List.of("api-validation /spec/containers/0/securityContext/runAsUser"),
        pod(WEB + "    securityContext: {runAsUser: -1}"));
    assertEquals(
        List.of("api-validation /spec/containers/0/ports/0/containerPort"),
        pod(WEB + "    ports: [{containerPort: 8000, hostPort: 80}]\nhostNetwork: true"));
  }

  @Test
  void volumeSources() throws Exception {
    String mount = "    volumeMounts: [{name: v, mountPath: /etc/app%s}]\nvolumes:\n  - %s\n";
    assertEquals(
        List.of(),
        pod(
            WEB
                + mount.formatted(
                    ", subPath: conf/app.yaml",
                    "{name: v, configMap: {name: c, defaultMode: 0644, items: [{key: app.yaml,"
                        + " path: conf/app.yaml, mode: 420}]}}")));
    assertEquals(
        List.of(),
        pod(
            WEB
                + mount.formatted(
                    "", "{name: v, hostPath: {path: /mnt/models, type: Directory}}")));
    for (String[] bad :
        new String[][] {
          {mount.formatted("", "{name: v, secret: {optional: true}}"), "/spec/volumes/0/secret"},
          {
            mount.formatted("", "{name: v, configMap: {name: c, defaultMode: 644}}"),
            "/spec/volumes/0/configMap/defaultMode"
          },
          {
            mount.formatted("", "{name: v, configMap: {name: c, items: [{key: a, path: /etc/a}]}}"),
            "/spec/volumes/0/configMap/items/0/path"
          },
          {
            mount.formatted("", "{name: v, configMap: {name: c, items: [{key: a, path: ../a}]}}"),
            "/spec/volumes/0/configMap/items/0/path"
          },
          {
            mount.formatted("", "{name: v, persistentVolumeClaim: {claimName: ''}}"),
            "/spec/volumes/0/persistentVolumeClaim"
          },
          {
            mount.formatted("", "{name: v, hostPath: {path: /mnt/../etc}}"),
            "/spec/volumes/0/hostPath/path"
          },
          {
            mount.formatted("", "{name: v, hostPath: {path: /mnt, type: directory}}"),
            "/spec/volumes/0/hostPath/type"
          },
          {
            mount.formatted(", subPath: /app.yaml", "{name: v, emptyDir: {}}"),
            "/spec/containers/0/volumeMounts/0/subPath"
          },
        }) {
      assertEquals(List.of("api-validation " + bad[1]), pod(WEB + bad[0]), bad[0]);
    }
  }

  /** ValidateVolumeMounts' propagation, recursiveReadOnly, subPathExpr and mountPath. */
  @Test
  void volumeMountOptions() throws Exception {
    String mount =
        "    securityContext: {privileged: %s}\n    volumeMounts: [{name: v, mountPath: /data, %s}]\n"
            + "volumes: [{name: v, emptyDir: {}}]\n";
    for (String good :
        new String[] {
          "mountPropagation: Bidirectional",
          "mountPropagation: HostToContainer",
          "readOnly: true, recursiveReadOnly: Enabled",
          "readOnly: true, recursiveReadOnly: IfPossible, mountPropagation: None",
          "recursiveReadOnly: Disabled",
          "subPathExpr: $(POD_NAME)"
        }) {
      assertEquals(List.of(), pod(WEB + mount.formatted("true", good)), good);
    }
    String at = "/spec/containers/0/volumeMounts/0/";
    for (String[] bad :
        new String[][] {
          {"false", "mountPropagation: Bidirectional", at + "mountPropagation"},
          {"true", "mountPropagation: hostToContainer", at + "mountPropagation"},
          {"true", "mountPropagation: ''", at + "mountPropagation"},
          {"true", "recursiveReadOnly: Enabled", at + "recursiveReadOnly"},
          {
            "true",
            "readOnly: true, recursiveReadOnly: IfPossible, mountPropagation: HostToContainer",
            at + "recursiveReadOnly"
          },
          {"true", "readOnly: true, recursiveReadOnly: Always", at + "recursiveReadOnly"},
          {"true", "subPathExpr: /$(POD_NAME)", at + "subPathExpr"},
        }) {
      assertEquals(
          List.of("api-validation " + bad[2]), pod(WEB + mount.formatted(bad[0], bad[1])), bad[1]);
    }
    assertEquals(
        List.of("api-validation " + at + "mountPath"),
        pod(WEB + mount.formatted("true", "readOnly: true").replace("/data", "''")));
  }

  /** validateProjectedVolumeSource and validateDownwardAPIVolumeFile: one change per case. */
  @Test
  void projectedAndDownwardApiVolumes() throws Exception {
    String volume = "    volumeMounts: [{name: v, mountPath: /etc/app}]\nvolumes:\n  - %s\n";
    String sources = "{name: v, projected: {defaultMode: 0440, sources: [%s]}}";
    String token = "{serviceAccountToken: {audience: vault, expirationSeconds: 3600, path: token}}";
    String config = "{configMap: {name: c, items: [{key: a, path: app.yaml}]}}";
    String labels =
        "{downwardAPI: {items: [{path: labels, fieldRef: {fieldPath: metadata.labels}}]}}";
    assertEquals(
        List.of(),
        pod(WEB + volume.formatted(sources.formatted(token + ", " + config + ", " + labels))));
    assertEquals(
        List.of(),
        pod(
            WEB
                + volume.formatted(
                    "{name: v, downwardAPI: {items: [{path: mem, resourceFieldRef: {containerName:"
                        + " web, resource: limits.memory}}, {path: team, fieldRef: {fieldPath:"
                        + " \"metadata.labels['team']\"}}]}}")));
    String at = "/spec/volumes/0/projected/sources/";
    for (String[] bad :
        new String[][] {
          {
            sources.formatted(token.replace("3600", "60")),
            at + "0/serviceAccountToken/expirationSeconds"
          },
          {
            sources.formatted(token.replace("path: token", "path: /token")),
            at + "0/serviceAccountToken/path"
          },
          {
            sources.formatted("{serviceAccountToken: {audience: vault, path: ''}}"),
            at + "0/serviceAccountToken/path"
          },
          {sources.formatted(config.replace("name: c, ", "")), at + "0/configMap"},
          {
            sources.formatted(config + ", " + config.replace("name: c", "name: d")),
            at + "1/configMap/items/0/path"
          },
          {sources.formatted("{configMap: {name: c}, secret: {name: s}}"), at + "0"},
          {
            sources.formatted(labels.replace("metadata.labels", "spec.nodeName")),
            at + "0/downwardAPI/items/0/fieldRef/fieldPath"
          },
          {
            "{name: v, downwardAPI: {items: [{path: mem, resourceFieldRef: {resource:"
                + " limits.memory}}]}}",
            "/spec/volumes/0/downwardAPI/items/0/resourceFieldRef"
          },
          {"{name: v, downwardAPI: {items: [{path: x}]}}", "/spec/volumes/0/downwardAPI/items/0"},
        }) {
      assertEquals(
          List.of("api-validation " + bad[1]), pod(WEB + volume.formatted(bad[0])), bad[0]);
    }
  }

  @Test
  void deploymentStrategyType() throws Exception {
    String deployment =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          strategy: {type: %s}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx}]}
        """;
    assertEquals(List.of(), found(deployment.formatted("Recreate")));
    assertEquals(
        List.of("api-validation /spec/strategy/type"), found(deployment.formatted("Rolling")));
  }

  private List<String> service(String spec) throws Exception {
    return object("Service", spec);
  }

  private static final String PORTS = "ports: [{port: 80}]\n";

  @Test
  void serviceTypesAndTheirFields() throws Exception {
    assertEquals(
        List.of(),
        service(
            PORTS
                + "type: LoadBalancer\nexternalTrafficPolicy: Local\nhealthCheckNodePort: 30001\n"
                + "loadBalancerSourceRanges: [10.0.0.0/8]\nallocateLoadBalancerNodePorts: false\n"
                + "sessionAffinity: ClientIP\nsessionAffinityConfig: {clientIP: {timeoutSeconds: 60}}"));
    assertEquals(
        List.of(),
        service(
            "ports: [{port: 80, nodePort: 30080, appProtocol: kubernetes.io/h2c}]\ntype: NodePort"));
    assertEquals(List.of(), service("type: ExternalName\nexternalName: db.example.com."));
    assertEquals(
        List.of(), service(PORTS + "externalIPs: [1.2.3.4]\nexternalTrafficPolicy: Cluster"));
    for (String[] bad :
        new String[][] {
          {PORTS + "type: Nodeport", "/spec/type"},
          {PORTS + "sessionAffinity: clientip", "/spec/sessionAffinity"},
          {PORTS + "internalTrafficPolicy: Node", "/spec/internalTrafficPolicy"},
          {PORTS + "externalTrafficPolicy: Local", "/spec/externalTrafficPolicy"},
          {"ports: [{port: 80, nodePort: 30080}]", "/spec/ports/0/nodePort"},
          {"ports: [{port: 80, protocol: http}]", "/spec/ports/0/protocol"},
          {"ports: [{port: 80, appProtocol: 'HTTP 2'}]", "/spec/ports/0/appProtocol"},
          {PORTS + "type: NodePort\nclusterIP: None", "/spec/clusterIP"},
          {"type: ExternalName", "/spec"},
          {"type: ExternalName\nexternalName: Db_Host", "/spec/externalName"},
          {
            PORTS + "sessionAffinityConfig: {clientIP: {timeoutSeconds: 60}}",
            "/spec/sessionAffinityConfig"
          },
          {
            PORTS
                + "sessionAffinity: ClientIP\nsessionAffinityConfig: {clientIP: {timeoutSeconds: 0}}",
            "/spec/sessionAffinityConfig/clientIP/timeoutSeconds"
          },
          {PORTS + "loadBalancerSourceRanges: [10.0.0.0/8]", "/spec/loadBalancerSourceRanges"},
          {PORTS + "type: NodePort\nhealthCheckNodePort: 30001", "/spec/healthCheckNodePort"},
        }) {
      assertEquals(List.of("api-validation " + bad[1]), service(bad[0]), bad[0]);
    }
  }

  /**
   * A field the API server does not default refuses an empty string (a pointer to "" or a string
   * without a default), where a defaulted one takes it: each template takes the valid value, an
   * empty one is refused at the pointer, and an empty defaulted field beside it passes.
   */
  @Test
  void anEmptyValueIsRefusedOnlyWhereTheApiServerDoesNotDefaultIt() throws Exception {
    String claim =
        "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec:\n"
            + "  resources: {requests: {storage: 1Gi}}\n";
    String policy =
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n"
            + "  podSelector: {}\n";
    String binding =
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b}\n";
    String hpa =
        "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec:\n"
            + "  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n"
            + "  maxReplicas: 3\n";
    for (String[] c :
        new String[][] {
          {
            "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n"
                + "  rules: [{http: {paths: [{path: /, pathType: '%s', backend: {service:"
                + " {name: web, port: {number: 80}}}}]}}]\n",
            "Prefix",
            "/spec/rules/0/http/paths/0/pathType"
          },
          {claim + "  accessModes: ['%s']\n", "ReadWriteOnce", "/spec/accessModes/0"},
          {
            claim + "  accessModes: [ReadWriteOnce]\n  volumeMode: '%s'\n",
            "Filesystem",
            "/spec/volumeMode"
          },
          {policy + "  policyTypes: ['%s']\n", "Ingress", "/spec/policyTypes/0"},
          {
            policy + "  ingress: [{ports: [{port: 80, protocol: '%s'}]}]\n",
            "TCP",
            "/spec/ingress/0/ports/0/protocol"
          },
          {
            binding + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: '%s', name: view}\n",
            "ClusterRole",
            "/roleRef/kind"
          },
          {
            binding + "roleRef: {kind: Role, name: view}\nsubjects: [{kind: '%s', name: alice}]\n",
            "User",
            "/subjects/0/kind"
          },
          {
            hpa + "  behavior: {scaleUp: {selectPolicy: '%s'}}\n",
            "Max",
            "/spec/behavior/scaleUp/selectPolicy"
          },
          {
            hpa
                + "  behavior: {scaleDown: {policies: [{type: '%s', value: 1, periodSeconds: 60}]}}\n",
            "Pods",
            "/spec/behavior/scaleDown/policies/0/type"
          },
          {
            hpa
                + "  metrics: [{type: Resource, resource: {name: cpu, target: {type: '%s',"
                + " averageUtilization: 80}}}]\n",
            "Utilization",
            "/spec/metrics/0/resource/target/type"
          },
          {
            "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n"
                + "  completionMode: '%s'\n  template:\n    spec:\n      restartPolicy: Never\n"
                + "      containers: [{name: j, image: busybox}]\n",
            "NonIndexed",
            "/spec/completionMode"
          },
          {
            "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n"
                + "  ports: [{port: 80, protocol: ''}]\n  sessionAffinity: ''\n"
                + "  internalTrafficPolicy: '%s'\n",
            "Local",
            "/spec/internalTrafficPolicy"
          },
          {
            "apiVersion: v1\nkind: Pod\nmetadata: {name: web, labels: {app: web}}\nspec:\n"
                + "  containers: [{name: web, image: nginx, imagePullPolicy: ''}]\n"
                + "  topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone,"
                + " whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}},"
                + " nodeAffinityPolicy: '%s'}]\n",
            "Honor",
            "/spec/topologySpreadConstraints/0/nodeAffinityPolicy"
          },
        }) {
      assertEquals(List.of(), found(c[0].formatted(c[1])), c[0]);
      assertEquals(List.of("api-validation " + c[2]), found(c[0].formatted("")), c[0]);
    }
  }
}
