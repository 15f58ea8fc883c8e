package io.capstan.examples.scheduler.zonefence;

import io.capstan.spi.plugin.InvalidConfigException;
import java.util.List;

/**
 * The plugin's arguments, bound from {@code scheduler.plugins.ZoneFence.*} (or a profile's
 * {@code pluginConfig} once profiles exist).
 *
 * @param allowedZones zones pods may land in unless they say otherwise; must not be empty
 * @param zoneLabel the node label holding the zone; default {@code topology.kubernetes.io/zone}
 */
public record ZoneFenceConfig(List<String> allowedZones, String zoneLabel) {

  public static final String DEFAULT_ZONE_LABEL = "topology.kubernetes.io/zone";

  public ZoneFenceConfig {
    allowedZones = allowedZones == null ? List.of() : List.copyOf(allowedZones);
    zoneLabel = zoneLabel == null || zoneLabel.isBlank() ? DEFAULT_ZONE_LABEL : zoneLabel;
    if (allowedZones.isEmpty()) {
      throw new InvalidConfigException("allowedZones", "name at least one zone, e.g. allowedZones: [eu-west-1a, eu-west-1b]");
    }
  }
}
