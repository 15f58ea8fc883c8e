package io.capstan.plugins.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.spi.plugin.InvalidConfigException;
import io.capstan.spi.plugin.PluginConfigMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Defaults, the full mapping from settings, and every refusal of {@link EtcdStoreConfig}. */
class EtcdStoreConfigTest {

  private static EtcdStoreConfig bind(Map<String, Object> settings) {
    return PluginConfigMapper.create().convertValue(settings, EtcdStoreConfig.class);
  }

  @Test
  void absentKeysTakeTheDefaults() {
    EtcdStoreConfig c = bind(Map.of());
    assertThat(c).isEqualTo(EtcdStoreConfig.defaults());
    assertThat(c.endpoints()).containsExactly("http://127.0.0.1:2379");
    assertThat(c.keyPrefix()).isEmpty();
    assertThat(c.username()).isEmpty();
    assertThat(c.password()).isEmpty();
    assertThat(c.caFile()).isEmpty();
    assertThat(c.certFile()).isEmpty();
    assertThat(c.keyFile()).isEmpty();
    assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.watchBufferSize()).isEqualTo(1000);
    assertThat(c.watchResumeTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.tls()).isFalse();
  }

  @Test
  void everyKeyMapsToItsField() {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("endpoints", List.of("https://etcd-0:2379", "https://etcd-1:2379"));
    all.put("keyPrefix", "/capstan/");
    all.put("username", "capstan");
    all.put("password", "s3cret");
    all.put("caFile", "/etc/capstan/etcd-ca.pem");
    all.put("certFile", "/etc/capstan/client.pem");
    all.put("keyFile", "/etc/capstan/client-key.pem");
    all.put("requestTimeout", "2s");
    all.put("connectTimeout", "1500ms");
    all.put("watchBufferSize", 50);
    all.put("watchResumeTimeout", "1m");
    EtcdStoreConfig c = bind(all);
    assertThat(c).isEqualTo(new EtcdStoreConfig(
        List.of("https://etcd-0:2379", "https://etcd-1:2379"), "/capstan/", "capstan", "s3cret",
        "/etc/capstan/etcd-ca.pem", "/etc/capstan/client.pem", "/etc/capstan/client-key.pem",
        Duration.ofSeconds(2), Duration.ofMillis(1500), 50, Duration.ofMinutes(1)));
    assertThat(c.tls()).isTrue();
    assertThat(c.toString()).contains("password=****").doesNotContain("s3cret");
  }

  @Test
  void aSingleEndpointMayBeWrittenWithoutAList() {
    assertThat(bind(Map.of("endpoints", "http://10.0.0.5:2379")).endpoints())
        .containsExactly("http://10.0.0.5:2379");
  }

  @Test
  void refusesWhatCannotWork() {
    refused(Map.of("endpoints", List.of()), "endpoints", "at least one");
    refused(Map.of("endpoints", List.of("127.0.0.1:2379")), "endpoints", "http://host:port");
    refused(Map.of("endpoints", List.of("grpc://h:2379")), "endpoints", "http://host:port");
    refused(Map.of("endpoints", List.of("http://h")), "endpoints", "http://host:port");
    refused(Map.of("endpoints", List.of("http://h:2379/v3")), "endpoints", "http://host:port");
    refused(Map.of("endpoints", List.of("http://a:2379", "https://b:2379")), "endpoints", "mixes");
    refused(Map.of("username", "u"), "password", "together");
    refused(Map.of("password", "p"), "username", "together");
    refused(Map.of("endpoints", "https://h:2379", "certFile", "c.pem"), "keyFile", "together");
    refused(Map.of("caFile", "ca.pem"), "caFile", "https://");
    refused(Map.of("requestTimeout", "0"), "requestTimeout", "positive");
    refused(Map.of("connectTimeout", "PT-1S"), "connectTimeout", "positive");
    refused(Map.of("watchResumeTimeout", "0"), "watchResumeTimeout", "positive");
    refused(Map.of("watchBufferSize", 0), "watchBufferSize", "at least 1");
  }

  private static void refused(Map<String, Object> settings, String field, String message) {
    assertThatThrownBy(() -> bind(settings))
        .as("%s", settings)
        .hasRootCauseInstanceOf(InvalidConfigException.class)
        .rootCause()
        .satisfies(e -> assertThat(((InvalidConfigException) e).field()).isEqualTo(field))
        .hasMessageContaining(message);
  }
}
