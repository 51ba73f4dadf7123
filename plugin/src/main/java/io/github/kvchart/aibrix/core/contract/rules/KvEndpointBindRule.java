package io.github.kvchart.aibrix.core.contract.rules;

import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.KvSubject;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * kv-endpoint-bind: vLLM binds its PUB socket only when the endpoint has a wildcard host ({@code *}
 * or {@code ::}) or is ipc:// or inproc://; any other address makes it connect out. The AIBrix
 * gateway connects to the pod, so on a pod labelled for AIBrix nobody would ever meet.
 */
public final class KvEndpointBindRule implements ContractRule {
  @Override
  public String id() {
    return "kv-endpoint-bind";
  }

  @Override
  public String description() {
    return "On a pod labelled for AIBrix, the event endpoint binds (tcp://*:5557), never connects.";
  }

  /** Whether vLLM binds (rather than connects) for {@code endpoint}. */
  static boolean binds(String endpoint) {
    return endpoint.contains("*")
        || endpoint.contains("::")
        || endpoint.startsWith("ipc://")
        || endpoint.startsWith("inproc://");
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    for (KvSubject subject : KvSubject.of(manifests, contract)) {
      boolean forAibrix =
          subject.pod().label(contract.label("name")).isTextual()
              || !subject.pod().label(contract.label("kvEventsEnabled")).isMissingNode();
      if (!forAibrix || subject.config() == null || !subject.unverifiable().isEmpty()) {
        continue;
      }
      if (!subject.config().path("endpoint").isTextual()) {
        continue;
      }
      String endpoint = subject.config().path("endpoint").asText();
      if (binds(endpoint)) {
        continue;
      }
      violations.add(
          subject
              .pod()
              .document()
              .violation(
                  subject.configPointer(),
                  id(),
                  severity,
                  "\"endpoint\":\""
                      + endpoint
                      + "\" makes vLLM connect out instead of binding, but the AIBrix gateway"
                      + " connects to the pod: no events ever arrive. (The connect form is for"
                      + " llm-d or KServe schedulers, which bind.)",
                  "Use \"endpoint\":\"tcp://*:" + contract.eventPort() + "\"."));
    }
    return violations;
  }
}
