package io.github.kvchart.aibrix.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The written-out equals and hashCode keep a record's meaning: all five names, nulls included. */
class GatewayEnvNamesTest {
  private static GatewayEnvNames of(List<String> names) {
    return new GatewayEnvNames(
        names.get(0), names.get(1), names.get(2), names.get(3), names.get(4));
  }

  @Test
  void equalExactlyWhenEveryNameIsEqual() {
    List<String> base = List.of("v0.3.0", "AIBRIX_KV_SYNC", "REMOTE", "TYPE", "ENDPOINT");
    assertEquals(of(base), of(new ArrayList<>(base)));
    assertEquals(of(base).hashCode(), of(new ArrayList<>(base)).hashCode());
    for (int i = 0; i < base.size(); i++) {
      List<String> changed = new ArrayList<>(base);
      changed.set(i, base.get(i) + "-other");
      assertNotEquals(of(base), of(changed), "component " + i);
      List<String> missing = new ArrayList<>(base);
      missing.set(i, null);
      assertNotEquals(of(base), of(missing), "component " + i + " null");
      assertEquals(of(missing), of(new ArrayList<>(missing)));
      assertEquals(of(missing).hashCode(), of(new ArrayList<>(missing)).hashCode());
    }
    assertNotEquals(of(base), (Object) "v0.3.0");
  }
}
