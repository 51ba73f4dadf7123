package io.github.kvchart.aibrix.core.contract;

/** The gateway env names of one AIBrix release line, as recorded in the contract. */
public record GatewayEnvNames(
    String from,
    String kvSyncEnabled,
    String useRemoteTokenizer,
    String tokenizerType,
    String remoteTokenizerEndpoint) {}
