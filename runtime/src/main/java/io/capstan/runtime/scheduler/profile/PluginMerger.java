package io.capstan.runtime.scheduler.profile;

import io.capstan.runtime.scheduler.profile.KubeSchedulerConfiguration.PluginRef;
import io.capstan.runtime.scheduler.profile.KubeSchedulerConfiguration.PluginSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes' {@code mergePluginSet} (v1 defaults): a profile's plugin set merged over the default
 * set of the same extension point. Disabled names (or {@code "*"}) drop defaults; a custom entry
 * naming an enabled default replaces it in place (keeping its position, taking the custom weight);
 * the other custom entries are appended in their order.
 */
public final class PluginMerger {

  private PluginMerger() {}

  public static PluginSet merge(PluginSet defaults, PluginSet custom) {
    Set<String> disabled = new HashSet<>();
    List<PluginRef> disabledOut = new ArrayList<>();
    for (PluginRef d : custom.disabled()) {
      disabled.add(d.name());
      disabledOut.add(PluginRef.of(d.name()));
    }
    for (PluginRef d : defaults.disabled()) {
      disabled.add(d.name());
      disabledOut.add(PluginRef.of(d.name()));
    }
    Map<String, Integer> customIndex = new HashMap<>();
    for (int i = 0; i < custom.enabled().size(); i++) {
      customIndex.put(custom.enabled().get(i).name(), i);
    }
    Set<Integer> replaced = new HashSet<>();
    List<PluginRef> enabled = new ArrayList<>();
    if (!disabled.contains("*")) {
      for (PluginRef def : defaults.enabled()) {
        if (disabled.contains(def.name())) {
          continue;
        }
        Integer idx = customIndex.get(def.name());
        if (idx != null) {
          enabled.add(custom.enabled().get(idx));
          replaced.add(idx);
        } else {
          enabled.add(def);
        }
      }
    }
    for (int i = 0; i < custom.enabled().size(); i++) {
      if (!replaced.contains(i)) {
        enabled.add(custom.enabled().get(i));
      }
    }
    return new PluginSet(enabled, disabledOut);
  }
}
