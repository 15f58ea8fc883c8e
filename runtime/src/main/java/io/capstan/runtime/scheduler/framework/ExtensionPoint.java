package io.capstan.runtime.scheduler.framework;

import io.capstan.spi.scheduler.BindPlugin;
import io.capstan.spi.scheduler.FilterPlugin;
import io.capstan.spi.scheduler.PermitPlugin;
import io.capstan.spi.scheduler.PostBindPlugin;
import io.capstan.spi.scheduler.PostFilterPlugin;
import io.capstan.spi.scheduler.PreBindPlugin;
import io.capstan.spi.scheduler.PreEnqueuePlugin;
import io.capstan.spi.scheduler.PreFilterPlugin;
import io.capstan.spi.scheduler.PreScorePlugin;
import io.capstan.spi.scheduler.QueueSortPlugin;
import io.capstan.spi.scheduler.ReservePlugin;
import io.capstan.spi.scheduler.SchedulerPlugin;
import io.capstan.spi.scheduler.ScorePlugin;

/** The extension points, with the YAML name KubeSchedulerConfiguration uses and the SPI type. */
public enum ExtensionPoint {
  PRE_ENQUEUE("preEnqueue", PreEnqueuePlugin.class),
  QUEUE_SORT("queueSort", QueueSortPlugin.class),
  PRE_FILTER("preFilter", PreFilterPlugin.class),
  FILTER("filter", FilterPlugin.class),
  POST_FILTER("postFilter", PostFilterPlugin.class),
  PRE_SCORE("preScore", PreScorePlugin.class),
  SCORE("score", ScorePlugin.class),
  RESERVE("reserve", ReservePlugin.class),
  PERMIT("permit", PermitPlugin.class),
  PRE_BIND("preBind", PreBindPlugin.class),
  BIND("bind", BindPlugin.class),
  POST_BIND("postBind", PostBindPlugin.class);

  private final String yamlName;
  private final Class<? extends SchedulerPlugin> type;

  ExtensionPoint(String yamlName, Class<? extends SchedulerPlugin> type) {
    this.yamlName = yamlName;
    this.type = type;
  }

  public String yamlName() {
    return yamlName;
  }

  public Class<? extends SchedulerPlugin> type() {
    return type;
  }

  /** Kubernetes' interface name, for messages: {@code FilterPlugin}. */
  public String typeName() {
    return type.getSimpleName();
  }
}
