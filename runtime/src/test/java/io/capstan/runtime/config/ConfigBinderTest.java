package io.capstan.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.runtime.testplugins.HelloConfig;
import io.capstan.spi.plugin.DurationDeserializer;
import io.capstan.spi.plugin.NoConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigBinderTest {

  private final ConfigBinder binder = new ConfigBinder();
  private final KeySpace keys = ConfigLoader.coreKeySpace();

  private LayeredConfig withFlags(Map<String, String> flags) {
    return ConfigLoader.load(ConfigInputs.defaultsOnly().withFlags(flags), keys);
  }

  @Test
  void absentSettingsTakeTheRecordsDefaults() {
    HelloConfig config = binder.bind(withFlags(Map.of()), "greeters.hello", HelloConfig.class);
    assertThat(config).isEqualTo(new HelloConfig("hello", 1, Duration.ofSeconds(5), java.util.List.of(), new HelloConfig.Nested(1)));
  }

  @Test
  void stringsFromAnySourceBindToTypedFieldsIncludingNestedRecordsListsAndDurations() {
    HelloConfig config = binder.bind(withFlags(Map.of(
        "greeters.hello.greeting", "hi",
        "greeters.hello.repeat", "3",
        "greeters.hello.timeout", "1m30s",
        "greeters.hello.extras", "a, b",
        "greeters.hello.nested.depth", "4")), "greeters.hello", HelloConfig.class);
    assertThat(config.greeting()).isEqualTo("hi");
    assertThat(config.repeat()).isEqualTo(3);
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.extras()).containsExactly("a", "b");
    assertThat(config.nested().depth()).isEqualTo(4);
  }

  @Test
  void aValidationFailureNamesTheFullKeyItsSourceAndWhatToWrite() {
    assertThatThrownBy(() -> binder.bind(withFlags(Map.of("greeters.hello.repeat", "0")), "greeters.hello", HelloConfig.class))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("invalid configuration: greeters.hello.repeat (flag): must be at least 1; write e.g. repeat: 2");
  }

  @Test
  void aValueOfTheWrongTypeNamesTheKeyAndTheValue() {
    assertThatThrownBy(() -> binder.bind(withFlags(Map.of("greeters.hello.repeat", "many")), "greeters.hello", HelloConfig.class))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("greeters.hello.repeat (flag): cannot use value 'many'");
    assertThatThrownBy(() -> binder.bind(withFlags(Map.of("greeters.hello.timeout", "soon")), "greeters.hello", HelloConfig.class))
        .hasMessageContaining("greeters.hello.timeout (flag): cannot use value 'soon'")
        .hasMessageContaining("write e.g. 500ms, 10s");
  }

  @Test
  void anUnknownNestedSettingListsTheValidOnes() {
    assertThatThrownBy(() -> binder.bind(withFlags(Map.of("greeters.hello.nested.deepth", "4")), "greeters.hello", HelloConfig.class))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("greeters.hello.nested.deepth")
        .hasMessageContaining("valid settings here: depth");
  }

  @Test
  void aPluginWithoutSettingsRefusesAny() {
    assertThat(binder.bind(withFlags(Map.of()), "greeters.shout", NoConfig.class)).isEqualTo(NoConfig.INSTANCE);
    assertThatThrownBy(() -> binder.bind(withFlags(Map.of("greeters.shout.volume", "11")), "greeters.shout", NoConfig.class))
        .hasMessageContaining("greeters.shout.volume")
        .hasMessageContaining("takes no settings");
  }

  @Test
  void flattenGivesEverySettingOfABoundRecordAsKeys() {
    Map<String, Object> flat = binder.flatten("greeters.hello", new HelloConfig(null, null, null, null, null));
    assertThat(flat).containsEntry("greeters.hello.greeting", "hello").containsEntry("greeters.hello.nested.depth", 1).containsEntry("greeters.hello.timeout", "5s");
  }

  @Test
  void durationsReadGoAndIsoForms() {
    assertThat(DurationDeserializer.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationDeserializer.parse("1h2m3s")).isEqualTo(Duration.ofSeconds(3723));
    assertThat(DurationDeserializer.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(DurationDeserializer.parse("PT10S")).isEqualTo(Duration.ofSeconds(10));
    assertThat(DurationDeserializer.parse("0")).isEqualTo(Duration.ZERO);
    for (String text : new String[] {"1h30m", "10s", "500ms", "2m5s250ms", "0"}) {
      assertThat(DurationDeserializer.format(DurationDeserializer.parse(text))).isEqualTo(text);
    }
    assertThatThrownBy(() -> DurationDeserializer.parse("10 s")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DurationDeserializer.parse("s")).isInstanceOf(IllegalArgumentException.class);
  }
}
