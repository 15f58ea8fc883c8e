package io.capstan.runtime.apiserver.security;

import static org.assertj.core.api.Assertions.assertThat;
import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_WRITE;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.runtime.apiserver.ApiServerSettings;
import io.capstan.spi.plugin.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterPkiTest {

  @TempDir Path dir;

  @Test
  void createdOnceAndReusedOnRestartWithTheDefaultNames() throws Exception {
    Instant now = Instant.parse("2026-05-01T00:00:00Z");
    ClusterPki first = ClusterPki.loadOrCreate(dir, List.of(), now);
    ClusterPki second = ClusterPki.loadOrCreate(dir, List.of(), now.plus(Duration.ofDays(1)));
    assertThat(second.ca().getEncoded()).isEqualTo(first.ca().getEncoded());
    assertThat(second.serving().getEncoded()).isEqualTo(first.serving().getEncoded());
    assertThat(second.admin().getEncoded()).isEqualTo(first.admin().getEncoded());
    assertThat(second.serviceAccountKeys().getPublic()).isEqualTo(first.serviceAccountKeys().getPublic());
    assertThat(ClusterPki.sansOf(first.serving())).contains("127.0.0.1", "localhost", "::1");
    assertThat(first.admin().getSubjectX500Principal().getName()).isEqualTo("CN=capstan-admin,O=system:masters");
    first.serving().verify(first.ca().getPublicKey());
    first.admin().verify(first.ca().getPublicKey());
    assertThat(Files.getPosixFilePermissions(dir.resolve("ca.key"))).containsExactlyInAnyOrder(OWNER_READ, OWNER_WRITE);
  }

  @Test
  void newNamesIssueTheServingCertificateAgainFromTheSameCa() throws Exception {
    Instant now = Instant.parse("2026-05-01T00:00:00Z");
    ClusterPki first = ClusterPki.loadOrCreate(dir, List.of(), now);
    ClusterPki renamed = ClusterPki.loadOrCreate(dir, List.of("api.example.test", "10.1.2.3"), now);
    assertThat(renamed.ca().getEncoded()).isEqualTo(first.ca().getEncoded());
    assertThat(ClusterPki.sansOf(renamed.serving())).contains("api.example.test", "10.1.2.3", "localhost");
    renamed.serving().verify(first.ca().getPublicKey());
    assertThat(renamed.admin().getEncoded()).isEqualTo(first.admin().getEncoded());
  }

  @Test
  void plainHttpOnlyOnLoopbackUnlessForced() {
    assertThatThrownBy(() -> new ApiServerSettings("0.0.0.0", 6443, null, null, null, null, null, null,
        new TlsSettings(false, null, null))).isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("allowInsecureNonLoopback");
    assertThat(new ApiServerSettings("0.0.0.0", 6443, null, null, null, null, null, null, new TlsSettings(false, null, true))
        .tls().enabled()).isFalse();
    assertThat(new ApiServerSettings("0.0.0.0", 6443, null, null, null, null, null, null, null).tls().enabled()).isTrue();
    assertThat(new ApiServerSettings("127.0.0.1", 6443, null, null, null, null, null, null, new TlsSettings(false, null, null))
        .tls().enabled()).isFalse();
  }
}
