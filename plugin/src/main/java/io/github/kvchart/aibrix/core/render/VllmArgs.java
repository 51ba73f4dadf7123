package io.github.kvchart.aibrix.core.render;

import io.github.kvchart.aibrix.core.contract.KvEventsConfig;
import io.github.kvchart.aibrix.core.model.ConfigMode;
import io.github.kvchart.aibrix.core.model.ModelSpec;
import java.util.ArrayList;
import java.util.List;

/** The container command and args that start vLLM for one model, with flags vLLM really has. */
public final class VllmArgs {
  /** The container command: the vLLM CLI's serve entry point. */
  public static final List<String> COMMAND = List.of("vllm", "serve");

  private VllmArgs() {}

  /**
   * The args after {@code vllm serve}: model, host, port, name, limits and KV events. Literal
   * values have every {@code $} doubled, because Kubernetes expands $(VAR) in args.
   */
  public static List<Object> of(ModelSpec model) {
    List<Object> args = new ArrayList<>();
    args.add(KvEventsConfig.escapeExpansion(model.hfModel()));
    args.add("--host");
    args.add("0.0.0.0");
    args.add("--port");
    args.add(Long.toString(model.servingPort()));
    args.add("--served-model-name");
    args.add(model.name());
    args.add("--max-model-len");
    args.add(Long.toString(model.maxModelLen()));
    args.add("--tensor-parallel-size");
    args.add(Long.toString(model.gpus()));
    args.add("--enable-prefix-caching");
    if (model.kvEvents().enabled()) {
      args.add("--kv-events-config");
      args.add(
          model.configMode() == ConfigMode.ENV
              ? model.kvEvents().config().envReferenceJson()
              : KvEventsConfig.escapeExpansion(model.kvEvents().config().json()));
    }
    if (model.pod().loraEnabled()) {
      args.add("--enable-lora");
      args.add("--max-loras");
      args.add(Integer.toString(io.github.kvchart.aibrix.core.model.PodSettings.MAX_LORAS));
    }
    args.addAll(model.pod().extraArgs());
    return args;
  }
}
