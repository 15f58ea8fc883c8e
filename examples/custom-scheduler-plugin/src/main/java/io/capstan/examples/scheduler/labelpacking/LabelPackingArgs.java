package io.capstan.examples.scheduler.labelpacking;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.capstan.spi.plugin.InvalidConfigException;
import java.util.List;

/**
 * LabelPacking's arguments.
 *
 * @param labelKey the node label that marks the pool to pack onto; required
 * @param labelValue its value; empty means "any value" (the label just has to exist)
 * @param resource what "full" means: {@code cpu} (default), {@code memory} or an extended resource
 */
@JsonIgnoreProperties({"apiVersion", "kind"})
public record LabelPackingArgs(String labelKey, String labelValue, String resource) {

  public LabelPackingArgs {
    if (labelKey == null || labelKey.isBlank()) {
      throw new InvalidConfigException("labelKey",
          "name the node label of the pool to pack onto, e.g. labelKey: pool, labelValue: batch");
    }
    labelValue = labelValue == null ? "" : labelValue;
    resource = resource == null || resource.isBlank() ? "cpu" : resource;
    if (!List.of("cpu", "memory").contains(resource) && !resource.contains("/")) {
      throw new InvalidConfigException("resource",
          "'" + resource + "' is not cpu, memory or an extended resource such as nvidia.com/gpu");
    }
  }
}
