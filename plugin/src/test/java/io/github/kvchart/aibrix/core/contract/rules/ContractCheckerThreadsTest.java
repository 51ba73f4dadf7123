package io.github.kvchart.aibrix.core.contract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.TestPaths;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.RuleSettings;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.validate.ManifestParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A large set is checked by several rules at once: the violations are the same, in the same order
 * (rule by rule, in documentation order), as when one thread runs every rule, on a set that breaks
 * most of the contract.
 */
class ContractCheckerThreadsTest {
  @Test
  void severalThreadsFindExactlyWhatOneFinds() throws Exception {
    Path root = TestPaths.repoRoot();
    List<String> texts = new ArrayList<>();
    for (Path file :
        List.of(
            root.resolve("plugin/src/test/resources/validate/design-quickstart.yaml"),
            root.resolve("it/validate-netpol-traffic/k8s/model.yaml"))) {
      texts.add(Files.readString(file));
    }
    List<ManifestDocument> documents = new ArrayList<>();
    ManifestParser parser = new ManifestParser();
    for (int copy = 0; documents.size() < 2 * ContractChecker.PARALLEL_FROM; copy++) {
      for (int i = 0; i < texts.size(); i++) {
        documents.addAll(parser.parse("copy" + copy + "-" + i + ".yaml", texts.get(i)).documents());
      }
    }
    List<Violation> one =
        new ContractChecker(KvContract.builtIn(), RuleSettings.none(), null, null, 1)
            .check(documents);
    Set<String> rules = new TreeSet<>();
    one.forEach(v -> rules.add(v.rule()));
    assertTrue(
        rules.containsAll(
            Set.of("kv-flag-unknown", "kv-env-ignored", "kv-image-version", "netpol-traffic")),
        rules.toString());
    List<String> order = ContractChecker.rules(null).stream().map(r -> r.id()).toList();
    for (int i = 1; i < one.size(); i++) {
      assertTrue(
          order.indexOf(one.get(i - 1).rule()) <= order.indexOf(one.get(i).rule()),
          "violations come rule by rule, in documentation order: "
              + one.get(i - 1).rule()
              + " before "
              + one.get(i).rule());
    }
    for (int run = 0; run < 5; run++) {
      List<Violation> many =
          new ContractChecker(KvContract.builtIn(), RuleSettings.none(), null, null, 4)
              .check(documents);
      assertEquals(one, many, "run " + run);
    }
  }
}
