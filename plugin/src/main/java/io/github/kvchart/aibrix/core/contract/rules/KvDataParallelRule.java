package io.github.kvchart.aibrix.core.contract.rules;

import io.github.kvchart.aibrix.core.Digits;
import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.KvSubject;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.contract.VllmContainer;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * kv-data-parallel: with more than one data-parallel rank in a pod, rank r adds r to both KV ports,
 * so rank 1's PUB socket wants the replay port rank 0 holds, and AIBrix, which only connects to
 * 5557/5558, hears rank 0 alone.
 */
public final class KvDataParallelRule implements ContractRule {
  @Override
  public String id() {
    return "kv-data-parallel";
  }

  @Override
  public String description() {
    return "KV events are not combined with more than one data-parallel rank in a pod.";
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    for (KvSubject subject : KvSubject.of(manifests, contract)) {
      if (!subject.publishes(contract)) {
        continue;
      }
      VllmContainer container = subject.container();
      List<VllmContainer.Token> tokens = container.tokens();
      for (int i = 0; i < tokens.size(); i++) {
        String text = tokens.get(i).text();
        for (String flag : contract.vllm().dataParallelFlags()) {
          String value = null;
          String pointer = tokens.get(i).pointer();
          if (text.startsWith(flag)
              && text.length() > flag.length()
              && text.charAt(flag.length()) == '=') {
            value = text.substring(flag.length() + 1);
          } else if (text.equals(flag) && i + 1 < tokens.size()) {
            value = tokens.get(i + 1).text();
            pointer = tokens.get(i + 1).pointer();
          }
          if (value == null) {
            continue;
          }
          int ranks = Digits.value(container.expand(value).text(), 4);
          if (ranks > 1) {
            violations.add(
                subject
                    .pod()
                    .document()
                    .violation(
                        pointer,
                        id(),
                        severity,
                        flag
                            + " "
                            + ranks
                            + " with KV events: rank 1 publishes on "
                            + (contract.eventPort() + 1)
                            + ", the port rank 0's replay socket holds, and the AIBrix gateway"
                            + " connects only to "
                            + contract.eventPort()
                            + "/"
                            + contract.replayPort()
                            + ", so it hears rank 0 alone.",
                        "Run one data-parallel rank per pod (scale with replicas instead), or"
                            + " switch KV events off for this model."));
          }
        }
      }
    }
    return violations;
  }
}
