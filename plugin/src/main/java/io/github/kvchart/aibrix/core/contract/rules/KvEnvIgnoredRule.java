package io.github.kvchart.aibrix.core.contract.rules;

import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.KvFix;
import io.github.kvchart.aibrix.core.contract.KvSubject;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.contract.VllmContainer;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * kv-env-ignored: an env var vLLM never reads, such as VLLM_ENABLE_KV_CACHE_EVENTS. An env entry
 * that a $(VAR) in the args refers to is fine: Kubernetes reads it, not vLLM.
 */
public final class KvEnvIgnoredRule implements ContractRule {
  @Override
  public String id() {
    return "kv-env-ignored";
  }

  @Override
  public String description() {
    return "No env var that vLLM never reads (setting it does nothing).";
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    Map<String, String> ignored = contract.ignoredEnv();
    for (KvSubject subject : KvSubject.of(manifests, contract)) {
      VllmContainer container = subject.container();
      for (VllmContainer.EnvEntry entry : container.env().values()) {
        if (ignored.containsKey(entry.name()) && !container.references(entry.name())) {
          violations.add(
              subject
                  .pod()
                  .document()
                  .violation(
                      entry.pointer(),
                      id(),
                      severity,
                      "vLLM never reads env var " + entry.name() + "; setting it does nothing.",
                      "Remove it and "
                          + ignored.get(entry.name())
                          + ", e.g. "
                          + KvFix.defaultFlag(contract)));
        }
      }
    }
    return violations;
  }
}
