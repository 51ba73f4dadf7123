package io.github.kvchart.aibrix.core.contract.rules;

import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.KvSubject;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * kv-port-mismatch: the event endpoint must be on 5557 and a replay endpoint on 5558 (the gateway's
 * fixed ports), and both must be declared as containerPorts.
 */
public final class KvPortMismatchRule implements ContractRule {
  @Override
  public String id() {
    return "kv-port-mismatch";
  }

  @Override
  public String description() {
    return "Event and replay endpoints use the gateway's fixed ports 5557/5558 and are containerPorts.";
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    for (KvSubject subject : KvSubject.of(manifests, contract)) {
      if (subject.config() == null) {
        continue;
      }
      Map<Integer, String> declared = subject.container().containerPorts();
      int events =
          subject.config().has("endpoint") ? subject.port("endpoint") : contract.eventPort();
      checkPort(
          subject,
          "endpoint",
          events,
          contract.eventPort(),
          "kv-events",
          declared,
          severity,
          violations);
      if (subject.config().path("replay_endpoint").isTextual()) {
        checkPort(
            subject,
            "replay_endpoint",
            subject.port("replay_endpoint"),
            contract.replayPort(),
            "kv-replay",
            declared,
            severity,
            violations);
      }
    }
    return violations;
  }

  private void checkPort(
      KvSubject subject,
      String key,
      int port,
      int fixed,
      String portName,
      Map<Integer, String> declared,
      Severity severity,
      List<Violation> violations) {
    var document = subject.pod().document();
    if (port != fixed) {
      violations.add(
          document.violation(
              subject.configPointer(),
              id(),
              severity,
              "\""
                  + key
                  + "\" is on port "
                  + (port < 0 ? "?" : port)
                  + ", but the AIBrix gateway only connects to "
                  + fixed
                  + " (fixed in the gateway): it will never receive these events.",
              "Set \"" + key + "\":\"tcp://*:" + fixed + "\"."));
    } else if (!declared.containsKey(fixed)) {
      violations.add(
          document.violation(
              subject.container().pointer(),
              id(),
              severity,
              "port " + fixed + " (\"" + key + "\") is not declared as a containerPort.",
              "Add to ports: - name: "
                  + portName
                  + ", containerPort: "
                  + fixed
                  + ", protocol: TCP."));
    }
  }
}
