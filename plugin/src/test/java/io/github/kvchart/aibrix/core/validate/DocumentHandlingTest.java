package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kind: List and *List items are checked one by one; a kind in the wrong case is an error. */
class DocumentHandlingTest {
  @TempDir Path temp;

  private List<Violation> validate(String yaml) throws Exception {
    return Fixtures.validate(temp, yaml, "1.35");
  }

  @Test
  void theItemsOfAListAreCheckedEachWithItsOwnPointer() throws Exception {
    List<Violation> found =
        validate(
            """
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: good
                data: {a: b}
              - apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: bad
                dta: {a: b}
            """);
    assertEquals(1, found.size(), found.toString());
    assertEquals("schema-unknown-field", found.get(0).rule());
    assertEquals("/items/1/dta", found.get(0).pointer());
    assertEquals(13, found.get(0).line());
    assertEquals("bad", found.get(0).name());
  }

  /** kubectl get -o yaml writes a List: the contract reads its items as the objects they are. */
  @Test
  void theContractReadsTheItemsOfAList() throws Exception {
    List<Violation> found =
        validate(
            """
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: other
                data: {a: b}
              - apiVersion: apps/v1
                kind: DeploymentList
                items:
                  - apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: llm
                    spec:
                      selector:
                        matchLabels: {app: llm}
                      template:
                        metadata:
                          labels: {app: llm}
                        spec:
                          containers:
                            - name: vllm
                              image: vllm/vllm-openai:v0.11.0
                              command: [vllm, serve]
                              args: [org/m, --enable-kv-cache-events]
            """);
    List<Violation> flags = found.stream().filter(v -> v.rule().equals("kv-flag-unknown")).toList();
    assertEquals(1, flags.size(), found.toString());
    assertEquals("/items/1/items/0/spec/template/spec/containers/0/args/1", flags.get(0).pointer());
    assertEquals(27, flags.get(0).line());
    assertEquals("llm", flags.get(0).name());
  }

  @Test
  void aListKindChecksItsItemsAgainstTheItemKind() throws Exception {
    List<Violation> found =
        validate(
            """
            apiVersion: apps/v1
            kind: DeploymentList
            items:
              - apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: two
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers: [{name: web, image: nginx}]
            """);
    assertEquals(1, found.size(), found.toString());
    assertEquals("/items/0/spec/replicas", found.get(0).pointer());
    assertEquals(9, found.get(0).line());
  }

  @Test
  void aValidListPasses() throws Exception {
    assertEquals(
        List.of(),
        validate(
            "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Namespace\n"
                + "    metadata: {name: a}\n"));
  }

  @Test
  void aKindInTheWrongCaseIsAnErrorWithTheRightSpelling() throws Exception {
    List<Violation> found =
        validate("apiVersion: apps/v1\nkind: deployment\nmetadata:\n  name: x\n");
    assertEquals(1, found.size(), found.toString());
    assertEquals(Severity.ERROR, found.get(0).severity());
    assertEquals(2, found.get(0).line());
    assertEquals("Write kind: Deployment.", found.get(0).fix());
    assertEquals(List.of(), validate("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n"));
  }
}
