package io.github.kvchart.aibrix.core.model;

import java.util.List;

/**
 * Everything {@code generate} renders from: the models, the chart's version and the gateway.
 *
 * @param chartVersion null to use the project version
 * @param appVersion null to use the first model's image tag
 * @param namespace the namespace the models run in, for in-cluster URLs and commands
 */
public record FleetSpec(
    String chartVersion,
    String appVersion,
    String namespace,
    GatewaySpec gateway,
    List<ModelSpec> models) {

  public FleetSpec {
    models = List.copyOf(models);
  }

  /** The model whose settings become the chart's default values. */
  public ModelSpec primary() {
    return models.get(0);
  }

  /** The AIBrix version the gateway settings are written for (shared by every model). */
  public String aibrixVersion() {
    return primary().aibrixVersion();
  }
}
