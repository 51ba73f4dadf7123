package io.github.kvchart.aibrix.core.contract.rules;

import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.KvFix;
import io.github.kvchart.aibrix.core.contract.KvSubject;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.contract.UnknownFlag;
import io.github.kvchart.aibrix.core.contract.VllmContainer;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** kv-flag-unknown: a vLLM flag that exists in no release, such as --enable-kv-cache-events. */
public final class KvFlagUnknownRule implements ContractRule {
  @Override
  public String id() {
    return "kv-flag-unknown";
  }

  @Override
  public String description() {
    return "No vLLM flag that exists in no release (vLLM exits on unknown flags).";
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    Map<String, UnknownFlag> unknown = contract.unknownFlags();
    for (KvSubject subject : KvSubject.of(manifests, contract)) {
      VllmContainer container = subject.container();
      String replacement = null;
      for (VllmContainer.Flag flag : container.flags()) {
        UnknownFlag spec = unknown.get(flag.name());
        if (spec != null) {
          replacement = replacement != null ? replacement : replacement(container, contract);
          violations.add(
              subject
                  .pod()
                  .document()
                  .violation(
                      flag.pointer(),
                      id(),
                      severity,
                      "vLLM has no flag "
                          + flag.name()
                          + " (in no release); vLLM exits at start-up on it.",
                      "Remove it and " + spec.fix() + "; the whole setting is: " + replacement));
        }
      }
      for (VllmContainer.Token token : container.tokens()) {
        if (token.text().indexOf(' ') >= 0 && token.text().contains("--")) {
          for (String name : unknown.keySet()) {
            if (token.text().contains(name)
                && token
                    .text()
                    .matches(
                        "(?s).*(^|\\s)" + java.util.regex.Pattern.quote(name) + "(=|\\s|$).*")) {
              replacement = replacement != null ? replacement : replacement(container, contract);
              violations.add(
                  subject
                      .pod()
                      .document()
                      .violation(
                          token.pointer(),
                          id(),
                          severity,
                          "the shell command passes " + name + ", a flag vLLM does not have.",
                          "Replace it with " + replacement));
            }
          }
        }
      }
    }
    return violations;
  }

  /**
   * The --kv-events-config that replaces the design's flags, keeping their buffer steps and topic.
   */
  static String replacement(VllmContainer container, KvContract contract) {
    long steps = 10_000;
    String topic = "kv-events";
    for (VllmContainer.Flag flag : container.flags()) {
      if (flag.name().equals("--kv-events-buffer-steps")
          && flag.value() != null
          && flag.value().matches("[1-9][0-9]{0,8}")) {
        steps = Long.parseLong(flag.value());
      }
      if (flag.name().equals("--kv-events-topic") && flag.value() != null) {
        topic = flag.value();
      }
    }
    return KvFix.flag(contract, steps, topic);
  }
}
