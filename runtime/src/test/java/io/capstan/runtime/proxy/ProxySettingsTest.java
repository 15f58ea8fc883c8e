package io.capstan.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProxySettingsTest {

  @Test
  void defaultsAreKubeProxys() {
    assertThat(ProxySettings.defaults().minSyncPeriod()).isEqualTo(Duration.ofSeconds(1));
    assertThat(ProxySettings.defaults().syncPeriod()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aZeroSyncPeriodIsRefused() {
    assertThatThrownBy(() -> new ProxySettings(Duration.ZERO, Duration.ZERO, ""))
        .hasMessageContaining("proxy.syncPeriod must be positive");
  }
}
