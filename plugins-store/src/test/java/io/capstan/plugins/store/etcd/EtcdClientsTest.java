package io.capstan.plugins.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.KeyRange;
import io.capstan.spi.store.StoreUnavailableException;
import io.capstan.spi.store.WatchRequest;
import io.capstan.tck.etcd.EtcdAvailability;
import io.capstan.tck.etcd.EtcdProcess;
import io.capstan.tck.etcd.EtcdTls;
import io.capstan.tck.store.WatchRecorder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The client's TLS setup against an etcd that serves only TLS and wants client certificates. */
@ExtendWith(EtcdAvailability.class)
class EtcdClientsTest {

  @TempDir
  Path dir;

  private final PooledTaskExecutor executor = new PooledTaskExecutor(1, Duration.ofSeconds(1));

  @AfterEach
  void stopExecutor() throws InterruptedException {
    executor.close();
  }

  /** A store on {@code etcd}; refusals come as timeouts of the first read, hence the short one. */
  private EtcdStore store(EtcdProcess etcd, String ca, String cert, String key) {
    return new EtcdStore(new EtcdStoreConfig(List.of(etcd.endpoint().toString()), "/tls/", null,
        null, ca, cert, key, Duration.ofSeconds(1), Duration.ofSeconds(1), null, null),
        new WallClock(), executor);
  }

  @Test
  void withTheCaAndAClientCertificateEverythingWorksOverTls() {
    EtcdTls tls = EtcdTls.generate(dir);
    try (EtcdProcess etcd = EtcdProcess.startTls(tls)) {
      assertThat(etcd.endpoint().getScheme()).isEqualTo("https");
      EtcdStore store = store(etcd, tls.ca().toString(), tls.clientCert().toString(),
          tls.clientKey().toString());
      try (store) {
        store.start();
        WatchRecorder recorder = new WatchRecorder();
        store.watch(WatchRequest.of(KeyRange.prefix(Bytes.utf8("k"))), recorder);
        long r = store.put(Bytes.utf8("k"), Bytes.utf8("over TLS"));
        assertThat(store.get(Bytes.utf8("k")).orElseThrow().value())
            .isEqualTo(Bytes.utf8("over TLS"));
        recorder.awaitRevision(r, Duration.ofSeconds(10));
      }

      EtcdStore withoutCertificate = store(etcd, tls.ca().toString(), "", "");
      try (withoutCertificate) {
        assertThatThrownBy(withoutCertificate::start)
            .as("etcd runs with --client-cert-auth").isInstanceOf(StoreUnavailableException.class);
      }
      EtcdStore withoutCa = store(etcd, "", tls.clientCert().toString(),
          tls.clientKey().toString());
      try (withoutCa) {
        assertThatThrownBy(withoutCa::start)
            .as("the JVM does not trust the test CA").isInstanceOf(StoreUnavailableException.class);
      }
    }
  }

  @Test
  void unreadableTlsFilesStopStartWithTheSettingNamed() {
    EtcdStore store = new EtcdStore(new EtcdStoreConfig(List.of("https://127.0.0.1:1"), "", null,
        null, dir.resolve("missing-ca.pem").toString(), null, null, null, null, null, null),
        new WallClock(), executor);
    assertThatIllegalArgumentException().isThrownBy(store::start)
        .withMessageContaining("store.etcd.caFile").withMessageContaining("missing-ca.pem");
  }
}
