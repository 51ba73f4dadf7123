package io.github.kvchart.aibrix.core.contract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.contract.GatewayFixture;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.image.Version;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.validate.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gateway-env: the gateways of AIBrix v0.4.x and v0.5.x decode KV-event batches as msgpack maps of
 * their own layout, which no vLLM release sends (pkg/cache/kvcache/msgpack_decoder.go at v0.4.0,
 * v0.4.1 and v0.5.0; AIBrix #1848 switched to vLLM's arrays in v0.6.0). KV sync switched on there
 * receives nothing; the release is read from aibrix-chart.aibrixVersion, the gateway image's tag,
 * or env names only those releases read.
 */
class GatewayDecodesEventsTest {
  @TempDir Path temp;

  private static String gateway(String tag, boolean oldNames) {
    return GatewayFixture.tagged(
        tag, oldNames ? GatewayFixture.KV_SYNC_V04 : GatewayFixture.KV_SYNC);
  }

  private List<Violation> found(String yaml) throws Exception {
    return Fixtures.validate(temp, yaml, "1.32").stream()
        .filter(v -> v.rule().equals("gateway-env"))
        .toList();
  }

  @Test
  void theContractNamesTheFirstReleaseThatDecodesVllmsArrays() {
    KvContract contract = KvContract.builtIn();
    assertTrue(contract.aibrix().decodesArrayEvents(Version.parse("v0.6.0")));
    assertTrue(contract.aibrix().decodesArrayEvents(null), "the newest, v0.7.0");
    assertTrue(!contract.aibrix().decodesArrayEvents(Version.parse("v0.5.0")));
    assertTrue(!contract.aibrix().decodesArrayEvents(Version.parse("v0.4.1")));
  }

  @Test
  void theImageTagNamesTheRelease() throws Exception {
    assertEquals(List.of(), found(gateway("v0.6.0", false)));
    assertEquals(List.of(), found(gateway("v0.7.0", false)));
    List<Violation> old = found(gateway("v0.5.0", false));
    assertEquals(1, old.size(), old.toString());
    assertTrue(
        old.get(0).message().contains("AIBrix v0.5.0 (from the gateway image)"), old.toString());
    assertTrue(old.get(0).fix().contains("Upgrade AIBrix to v0.6.0"), old.toString());
  }

  @Test
  void theOldNamesAloneNameARelease() throws Exception {
    List<Violation> old = found(gateway("nightly", true));
    assertTrue(
        old.stream().anyMatch(v -> v.message().contains("cannot decode the events vLLM sends")),
        old.toString());
    // the v0.5.0-line names are read by v0.5.0 (cannot decode) and v0.6.0 on (can): not known
    assertEquals(List.of(), found(gateway("nightly", false)));
  }
}
