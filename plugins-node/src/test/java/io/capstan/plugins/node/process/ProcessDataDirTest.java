package io.capstan.plugins.node.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.runtime.config.ConfigInputs;
import io.capstan.runtime.kernel.KernelPlan;
import io.capstan.runtime.node.NodeDataDirs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process runtime's files follow the data folder ({@code capstan up --data DIR}) unless configured apart. */
class ProcessDataDirTest {

  @TempDir Path dir;

  private static ProcessRuntimeConfig processConfig(KernelPlan plan) {
    return plan.pluginConfigs().values().stream().filter(ProcessRuntimeConfig.class::isInstance)
        .map(ProcessRuntimeConfig.class::cast).findFirst().orElseThrow();
  }

  private static KernelPlan plan(Map<String, String> flags) {
    KernelPlan first = KernelPlan.resolve(ConfigInputs.defaultsOnly().withFlags(flags));
    return KernelPlan.resolve(ConfigInputs.defaultsOnly().withFlags(NodeDataDirs.withRuntimeDataDirs(first, flags)));
  }

  @Test
  void theProcessRuntimeLivesUnderTheDataFolder() {
    KernelPlan plan = plan(Map.of("runtime.dataDir", dir.resolve("data").toString(), "node.runtime", "process"));
    assertThat(processConfig(plan).dataPath()).isEqualTo(dir.resolve("data").resolve("process").toAbsolutePath());
  }

  @Test
  void anExplicitProcessDataDirWins() {
    KernelPlan plan = plan(Map.of("runtime.dataDir", dir.resolve("data").toString(), "node.runtime", "process",
        "node.process.dataDir", dir.resolve("elsewhere").toString()));
    assertThat(processConfig(plan).dataPath()).isEqualTo(dir.resolve("elsewhere").toAbsolutePath());
  }

  @Test
  void theDefaultDataFolderGivesTheDefaultPlace() {
    KernelPlan plan = plan(Map.of("node.runtime", "process"));
    assertThat(processConfig(plan).dataPath()).isEqualTo(Path.of("data", "process").toAbsolutePath());
  }
}
