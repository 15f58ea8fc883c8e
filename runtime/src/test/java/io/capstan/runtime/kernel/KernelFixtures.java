package io.capstan.runtime.kernel;

import io.capstan.runtime.config.ConfigInputs;
import io.capstan.runtime.plugin.SpiFamily;
import io.capstan.runtime.testplugins.TestFamilies;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Plans over the test plugin families, from flags alone. */
final class KernelFixtures {

  static final List<SpiFamily> FAMILIES = List.of(TestFamilies.JOURNAL, TestFamilies.GREETERS);

  private KernelFixtures() {}

  static KernelPlan plan(Map<String, String> flags) {
    return plan(FAMILIES, flags);
  }

  static KernelPlan plan(List<SpiFamily> families, Map<String, String> flags) {
    return KernelPlan.resolve(ConfigInputs.defaultsOnly().withFlags(flags), families,
        KernelFixtures.class.getClassLoader(), Path.of("target/no-such-home"));
  }
}
