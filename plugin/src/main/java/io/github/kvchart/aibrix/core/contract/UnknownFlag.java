package io.github.kvchart.aibrix.core.contract;

/** A vLLM flag that exists in no release: whether it was written with a value, and the fix. */
public record UnknownFlag(boolean takesValue, String fix) {}
