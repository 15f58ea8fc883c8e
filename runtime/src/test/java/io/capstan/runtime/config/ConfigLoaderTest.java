package io.capstan.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  private final KeySpace keys = ConfigLoader.coreKeySpace();

  private Path yaml(String text) throws IOException {
    Path file = dir.resolve("capstan.yaml");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void defaultsAloneGiveEveryCoreSettingWithSourceDefault() {
    LayeredConfig config = ConfigLoader.load(ConfigInputs.defaultsOnly(), keys);
    assertThat(config.string("store.plugin")).isEqualTo("rocksdb");
    assertThat(config.get("store.plugin").orElseThrow().source()).isEqualTo(ConfigSource.DEFAULT);
    assertThat(config.list("components")).contains("apiserver", "scheduler", "node-agent");
    assertThat(ConfigLoader.unknownKeys(config, keys)).isEmpty();
  }

  @Test
  void eachLayerOverridesTheOneBelowAndIsReportedAsTheSource() throws IOException {
    ConfigInputs inputs = ConfigInputs.defaultsOnly()
        .withFile(yaml("store:\n  plugin: memory\napiserver:\n  port: 7000\n  bind: 0.0.0.0\nnode:\n  count: 9\n"))
        .withEnvironment(Map.of("CAPSTAN_APISERVER_PORT", "7001", "CAPSTAN_NODE_COUNT", "5", "PATH", "/bin"))
        .withSystemProperties(Map.of("capstan.node.count", "6", "capstan.proxy.mode", "ipvs", "user.home", "/root"))
        .withFlags(Map.of("proxy.mode", "userspace"));
    LayeredConfig config = ConfigLoader.load(inputs, keys);

    assertThat(config.get("store.plugin").orElseThrow())
        .extracting(ConfiguredValue::value, ConfiguredValue::source)
        .containsExactly("memory", ConfigSource.FILE);
    assertThat(config.get("apiserver.port").orElseThrow().sourceDisplay()).isEqualTo("environment CAPSTAN_APISERVER_PORT");
    assertThat(config.string("apiserver.port")).isEqualTo("7001");
    assertThat(config.get("node.count").orElseThrow().sourceDisplay()).isEqualTo("system property -Dcapstan.node.count");
    assertThat(config.string("node.count")).isEqualTo("6");
    assertThat(config.get("proxy.mode").orElseThrow().source()).isEqualTo(ConfigSource.FLAG);
    assertThat(config.string("proxy.mode")).isEqualTo("userspace");
    assertThat(config.string("apiserver.bind")).isEqualTo("0.0.0.0");
    assertThat(config.get("apiserver.bind").orElseThrow().sourceDisplay()).startsWith("file ").endsWith("capstan.yaml");
    assertThat(ConfigLoader.unknownKeys(config, keys)).isEmpty();
  }

  @Test
  void environmentNamesSplitCamelCaseAndDots() {
    assertThat(KeySpace.envName("runtime.pluginsDir")).isEqualTo("CAPSTAN_RUNTIME_PLUGINS_DIR");
    assertThat(KeySpace.envName("authentication.token-file.path")).isEqualTo("CAPSTAN_AUTHENTICATION_TOKEN_FILE_PATH");
    LayeredConfig config = ConfigLoader.load(
        ConfigInputs.defaultsOnly().withEnvironment(Map.of("CAPSTAN_RUNTIME_PLUGINS_DIR", "/opt/plugins")), keys);
    assertThat(config.string("runtime.pluginsDir")).isEqualTo("/opt/plugins");
  }

  @Test
  void listsComeFromYamlListsOrCommaSeparatedStrings() throws IOException {
    LayeredConfig fromFile = ConfigLoader.load(ConfigInputs.defaultsOnly().withFile(yaml("components: [scheduler, apiserver]\n")), keys);
    assertThat(fromFile.list("components")).containsExactly("scheduler", "apiserver");
    LayeredConfig fromEnv = ConfigLoader.load(ConfigInputs.defaultsOnly().withEnvironment(Map.of("CAPSTAN_COMPONENTS", "scheduler, dns")), keys);
    assertThat(fromEnv.list("components")).containsExactly("scheduler", "dns");
  }

  @Test
  void unknownKeysInEverySourceAreAllReportedWithTheNearestKnownKey() throws IOException {
    ConfigInputs inputs = ConfigInputs.defaultsOnly()
        .withFile(yaml("store:\n  plugn: memory\n"))
        .withEnvironment(Map.of("CAPSTAN_APISERVER_PROT", "1"))
        .withSystemProperties(Map.of("capstan.node.cuont", "2"))
        .withFlags(Map.of("proxy.mdoe", "ipvs"));
    LayeredConfig config = ConfigLoader.load(inputs, keys);
    List<ConfigProblem> problems = ConfigLoader.unknownKeys(config, keys);
    assertThat(problems).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
        "CAPSTAN_APISERVER_PROT (environment): unknown setting; did you mean CAPSTAN_APISERVER_PORT?",
        "store.plugn (file " + dir.resolve("capstan.yaml") + "): unknown setting; did you mean 'store.plugin'?",
        "node.cuont (system property -Dcapstan.node.cuont): unknown setting; did you mean 'node.count'?",
        "proxy.mdoe (flag): unknown setting; did you mean 'proxy.mode'?");
  }

  @Test
  void launcherVariablesAreNotSettings() {
    LayeredConfig config = ConfigLoader.load(ConfigInputs.defaultsOnly().withEnvironment(Map.of("CAPSTAN_OPTS", "-Xmx1g")), keys);
    assertThat(ConfigLoader.unknownKeys(config, keys)).isEmpty();
  }

  @Test
  void brokenYamlNamesTheFileAndTheLine() throws IOException {
    Path file = yaml("store:\n  plugin: memory\n bad-indent: [\n");
    assertThatThrownBy(() -> ConfigLoader.load(ConfigInputs.defaultsOnly().withFile(file), keys))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not valid YAML")
        .hasMessageContaining("line");
  }

  @Test
  void aNamedFileThatDoesNotExistIsAnError() {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> ConfigLoader.load(ConfigInputs.defaultsOnly().withFile(missing), keys))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("file not found")
        .hasMessageContaining(missing.toString());
  }

  @Test
  void valuesInterpolateEnvironmentLookups() {
    LayeredConfig config = ConfigLoader.load(ConfigInputs.defaultsOnly().withFlags(Map.of("runtime.dataDir", "${sys:java.io.tmpdir}/capstan")), keys);
    assertThat(config.string("runtime.dataDir")).isEqualTo(System.getProperty("java.io.tmpdir") + "/capstan");
  }
}
