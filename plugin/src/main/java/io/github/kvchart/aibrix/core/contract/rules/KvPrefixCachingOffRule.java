package io.github.kvchart.aibrix.core.contract.rules;

import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.KvSubject;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.List;

/** kv-prefix-caching-off (warning): KV events mean nothing with prefix caching switched off. */
public final class KvPrefixCachingOffRule implements ContractRule {
  @Override
  public String id() {
    return "kv-prefix-caching-off";
  }

  @Override
  public String description() {
    return "Prefix caching stays on where KV events are published.";
  }

  @Override
  public Severity defaultSeverity() {
    return Severity.WARNING;
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    String off = contract.vllm().prefixCachingOffFlag();
    for (KvSubject subject : KvSubject.of(manifests, contract)) {
      if (!subject.intended()) {
        continue;
      }
      subject
          .container()
          .flag(off)
          .ifPresent(
              flag ->
                  violations.add(
                      subject
                          .pod()
                          .document()
                          .violation(
                              flag.pointer(),
                              id(),
                              severity,
                              off
                                  + " switches prefix caching off, so there are no cached blocks for the KV events to describe.",
                              "Remove "
                                  + off
                                  + " (prefix caching is on by default), or pass --enable-prefix-caching.")));
    }
    return violations;
  }
}
