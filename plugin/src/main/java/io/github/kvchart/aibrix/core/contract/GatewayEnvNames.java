package io.github.kvchart.aibrix.core.contract;

import java.util.Objects;

/**
 * The gateway env names of one AIBrix release line, as recorded in the contract.
 *
 * <p>{@code equals} and {@code hashCode} are written out: a record's generated ones are linked at
 * their first call through method handles, which for five components made the JDK spin 44 classes
 * in a cold build (docs/performance.md).
 */
public record GatewayEnvNames(
    String from,
    String kvSyncEnabled,
    String useRemoteTokenizer,
    String tokenizerType,
    String remoteTokenizerEndpoint) {

  @Override
  public boolean equals(Object other) {
    return other instanceof GatewayEnvNames names
        && Objects.equals(from, names.from)
        && Objects.equals(kvSyncEnabled, names.kvSyncEnabled)
        && Objects.equals(useRemoteTokenizer, names.useRemoteTokenizer)
        && Objects.equals(tokenizerType, names.tokenizerType)
        && Objects.equals(remoteTokenizerEndpoint, names.remoteTokenizerEndpoint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        from, kvSyncEnabled, useRemoteTokenizer, tokenizerType, remoteTokenizerEndpoint);
  }
}
