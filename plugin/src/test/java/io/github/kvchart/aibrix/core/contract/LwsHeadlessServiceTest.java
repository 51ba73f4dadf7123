package io.github.kvchart.aibrix.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.validate.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lws-headless-service: LWS's workers reach their leader by a pod DNS name that needs a headless
 * Service of the LeaderWorkerSet's name, which LWS creates only when none exists (lws v0.6.0 to
 * v0.10.0). The LeaderWorkerSet here has no AIBrix labels: the rule is about LWS itself.
 */
class LwsHeadlessServiceTest {
  @TempDir Path temp;

  /** A LeaderWorkerSet 'web' of {@code size} with {@code extraSpec} and a leader probe or not. */
  private static String lws(String size, String extraSpec, boolean probe) {
    return """
        apiVersion: leaderworkerset.x-k8s.io/v1
        kind: LeaderWorkerSet
        metadata: {name: web}
        spec:
        %s  leaderWorkerTemplate:
            size: %s
            leaderTemplate:
              spec:
                containers:
                  - name: leader
                    image: nginx:1.27
        %s    workerTemplate:
              spec:
                containers:
                  - name: worker
                    image: nginx:1.27
        """
        .formatted(
            extraSpec,
            size,
            probe ? "            readinessProbe: {httpGet: {path: /, port: 80}}\n" : "");
  }

  /** The Service 'web' with {@code spec} lines. */
  private static String service(String spec) {
    return """
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
        %s"""
        .formatted(spec);
  }

  private static final String LEADERS =
      "  selector: {leaderworkerset.sigs.k8s.io/name: web,"
          + " leaderworkerset.sigs.k8s.io/worker-index: '0'}\n"
          + "  ports: [{port: 80}]\n";

  private List<String> rules(String yaml) throws Exception {
    return Fixtures.validate(temp, yaml, "1.32").stream().map(Violation::rule).toList();
  }

  private static final List<String> REPORTED = List.of("lws-headless-service");

  @Test
  void aServiceInThePlaceOfLwssOwnMustBeHeadlessAndSelectTheLeader() throws Exception {
    assertEquals(List.of(), rules(lws("2", "", false)));
    assertEquals(REPORTED, rules(lws("2", "", false) + service(LEADERS)));
    assertEquals(List.of(), rules(lws("2", "", false) + service("  clusterIP: None\n" + LEADERS)));
    assertEquals(
        REPORTED,
        rules(
            lws("2", "", false) + service("  clusterIP: None\n" + LEADERS.replace("'0'", "'1'"))));
    // a leader that is not Ready before its workers join needs not-ready addresses published
    assertEquals(REPORTED, rules(lws("2", "", true) + service("  clusterIP: None\n" + LEADERS)));
    assertEquals(
        List.of(),
        rules(
            lws("2", "", true)
                + service("  clusterIP: None\n  publishNotReadyAddresses: true\n" + LEADERS)));
  }

  @Test
  void groupsWithoutWorkersOrWithTheirOwnSubdomainsAreLeftAlone() throws Exception {
    assertEquals(List.of(), rules(lws("1", "", false) + service(LEADERS)));
    assertEquals(
        List.of(),
        rules(
            lws("2", "  networkConfig: {subdomainPolicy: UniquePerReplica}\n", false)
                + service(LEADERS)));
    assertEquals(
        List.of(),
        rules(
            lws("2", "", false)
                + service(LEADERS).replace("{name: web}", "{name: web, namespace: other}")));
  }
}
