package io.capstan.plugins.store.etcd;

import static io.capstan.plugins.store.etcd.EtcdTestStores.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.CompactedException;
import io.capstan.spi.store.IndeterminateResultException;
import io.capstan.spi.store.KeyRange;
import io.capstan.spi.store.KeyValue;
import io.capstan.spi.store.Lease;
import io.capstan.spi.store.LeaseNotFoundException;
import io.capstan.spi.store.Op;
import io.capstan.spi.store.OpResult;
import io.capstan.spi.store.RangeRequest;
import io.capstan.spi.store.StoreUnavailableException;
import io.capstan.spi.store.TxnRequest;
import io.capstan.spi.store.TxnResult;
import io.capstan.spi.store.WatchEvent;
import io.capstan.spi.store.WatchRequest;
import io.capstan.tck.etcd.EtcdExtension;
import io.capstan.tck.store.WatchRecorder;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What is particular to the etcd plugin, against a real etcd shared by the class: the key prefix,
 * the revision offset, result order of mixed transactions, lease expiry on etcd's clock, and the
 * errors of an etcd that is gone or does not answer. The SPI contract itself is checked by {@link
 * EtcdStoreConformanceTest}.
 */
class EtcdStoreTest {

  @RegisterExtension
  static final EtcdExtension ETCD = new EtcdExtension();

  private final EtcdTestStores stores = new EtcdTestStores(ETCD);

  @AfterEach
  void closeStores() throws Exception {
    stores.close();
  }

  private static Bytes b(String text) {
    return Bytes.utf8(text);
  }

  @Test
  void keysLiveUnderThePrefixWhichNoResultShows() throws Exception {
    String prefixA = EtcdTestStores.freshPrefix();
    EtcdStore a = stores.open(prefixA, null, null, null);
    EtcdStore other = stores.open();
    a.put(b("k"), b("a"));
    other.put(b("k"), b("other"));

    assertThat(a.range(KeyRange.all()).kvs()).extracting(KeyValue::key).containsExactly(b("k"));
    assertThat(a.get(b("k")).orElseThrow().value()).isEqualTo(b("a"));
    Client raw = stores.raw();
    assertThat(raw.getKVClient().get(utf8(prefixA + "k")).get().getKvs()).hasSize(1);

    TxnResult wiped = a.txn(TxnRequest.of(Op.delete(KeyRange.all()).withPrevKv()));
    assertThat(wiped.result(0, OpResult.Delete.class).prevKvs())
        .extracting(KeyValue::key).containsExactly(b("k"));
    assertThat(other.get(b("k"))).as("another prefix is untouched").isPresent();
  }

  @Test
  void revisionsAreEtcdsMinusOne() throws Exception {
    EtcdStore store = stores.open();
    long revision = store.put(b("k"), b("v"));
    long etcdRevision = stores.raw().getKVClient().get(utf8("any"), GetOption.DEFAULT).get()
        .getHeader().getRevision();
    assertThat(etcdRevision).isEqualTo(revision + 1);
    assertThat(store.currentRevision()).isEqualTo(revision);
    KeyValue kv = store.get(b("k")).orElseThrow();
    assertThat(kv.modRevision()).isEqualTo(revision);
    assertThat(kv.createRevision()).isEqualTo(revision);
  }

  @Test
  void resultsOfAMixedBranchComeBackInOpOrder() {
    EtcdStore store = stores.open();
    store.put(b("b"), b("old"));
    store.put(b("c"), b("gone"));
    store.put(b("x/1"), b("1"));
    TxnResult r = store.txn(TxnRequest.when().then(
        Op.get(b("b")),
        Op.put(b("b"), b("new")).withPrevKv(),
        Op.delete(b("c")).withPrevKv(),
        Op.range(RangeRequest.of(KeyRange.prefix(b("")))),
        Op.put(b("d"), b("1")),
        Op.delete(KeyRange.prefix(b("x/")))).build());
    assertThat(r.succeeded()).isTrue();
    assertThat(r.rangeResult(0).first().orElseThrow().value()).isEqualTo(b("old"));
    assertThat(r.result(1, OpResult.Put.class).prevKv()).hasValueSatisfying(
        kv -> assertThat(kv.value()).isEqualTo(b("old")));
    assertThat(r.result(2, OpResult.Delete.class).prevKvs()).extracting(KeyValue::key)
        .containsExactly(b("c"));
    assertThat(r.rangeResult(3).kvs()).as("a read sees the branch's earlier writes")
        .extracting(KeyValue::key).containsExactly(b("b"), b("x/1"));
    assertThat(r.result(4, OpResult.Put.class).prevKv()).isEmpty();
    assertThat(r.result(5, OpResult.Delete.class).deleted()).isEqualTo(1);
    assertThat(r.rangeResult(3).revision()).isEqualTo(r.revision());
  }

  @Test
  void aLeaseOfTwoSecondsExpiresOnEtcdAndDeletesItsKeysInOneRevision() {
    EtcdStore store = stores.open();
    Lease lease = store.grantLease(2);
    assertThat(lease.ttlSeconds()).isEqualTo(2);
    long attached = store.txn(TxnRequest.of(Op.put(b("l/a"), b("1")).withLease(lease.id()),
        Op.put(b("l/b"), b("1")).withLease(lease.id()))).revision();
    WatchRecorder recorder = new WatchRecorder();
    store.watch(WatchRequest.of(KeyRange.prefix(b("l/"))).fromRevision(attached + 1), recorder);

    await("the lease's keys to go").atMost(Duration.ofSeconds(8))
        .until(() -> store.range(KeyRange.prefix(b("l/"))).count() == 0);
    recorder.awaitEventCount(2, Duration.ofSeconds(5));
    assertThat(recorder.batches()).hasSize(1);
    assertThat(recorder.events()).extracting(WatchEvent::type, e -> e.kv().key())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(WatchEvent.Type.DELETE, b("l/a")),
            org.assertj.core.groups.Tuple.tuple(WatchEvent.Type.DELETE, b("l/b")));
    assertThat(store.timeToLive(lease.id(), true)).isEmpty();
    assertThatThrownBy(() -> store.keepAlive(lease.id()))
        .isInstanceOf(LeaseNotFoundException.class);
  }

  @Test
  void compactionsByOtherClientsShowInTheWatermark() throws Exception {
    EtcdStore store = stores.open();
    long before = store.compactRevision();
    long r1 = store.put(b("k"), b("1"));
    store.put(b("k"), b("2"));
    store.put(b("k"), b("3"));
    // etcd's r1 + 1 is Capstan's r1; Capstan keeps its watermark one above etcd's (etcd drops
    // deletes at its own compaction revision from watches), so the watermark becomes r1 + 1
    stores.raw().getKVClient().compact(r1 + 1).get();
    assertThat(store.compactRevision()).isEqualTo(r1 + 1).isGreaterThan(before);
    assertThat(store.get(b("k"), r1 + 1)).isPresent();
    assertThatThrownBy(() -> store.get(b("k"), r1)).isInstanceOf(CompactedException.class);
  }

  @Test
  void valuesBeyondEtcdsRequestLimitAreRefusedAsIllegalArguments() {
    EtcdStore store = stores.open();
    assertThatIllegalArgumentException().as("past --max-request-bytes")
        .isThrownBy(() -> store.put(b("big"), Bytes.copyOf(new byte[2816 * 1024])))
        .withMessageContaining("too large");
    assertThatIllegalArgumentException().as("past the gRPC limit etcd derives from it")
        .isThrownBy(() -> store.put(b("big"), Bytes.copyOf(new byte[8 * 1024 * 1024])))
        .withMessageContaining("larger than etcd accepts");
    assertThat(store.get(b("big"))).isEmpty();
  }

  @Test
  void anInterruptedCallerGetsTheSpisAnswerWithItsFlagStillSet() {
    EtcdStore store = stores.open();
    store.put(b("k"), b("1"));
    try {
      Thread.currentThread().interrupt();
      assertThatThrownBy(() -> store.put(b("k"), b("2")))
          .as("a write that may be on its way").isInstanceOf(IndeterminateResultException.class);
      assertThat(Thread.interrupted()).as("interrupt flag kept").isTrue();
      Thread.currentThread().interrupt();
      assertThatThrownBy(() -> store.get(b("k"))).isInstanceOf(StoreUnavailableException.class);
      assertThat(Thread.interrupted()).as("interrupt flag kept").isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void startFailsWhenNoEtcdListens() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    EtcdStore store = stores.create(List.of("http://127.0.0.1:" + port), "", Duration.ofSeconds(2),
        null, null);
    assertThatThrownBy(store::start).isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("store.etcd.endpoints");
  }

  @Test
  void whileEtcdIsDownCallsFailAsUnavailableAndWorkAgainAfterItReturns() {
    EtcdStore store = stores.open(EtcdTestStores.freshPrefix(), Duration.ofSeconds(2), null, null);
    store.put(b("k"), b("1"));
    ETCD.etcd().kill();
    try {
      assertThatThrownBy(() -> store.get(b("k"))).isInstanceOf(StoreUnavailableException.class);
      // the first write may still meet the dying connection; once the client knows, a write is
      // refused before it is sent, which is "unavailable", not "indeterminate"
      await("a write refused as never sent").atMost(Duration.ofSeconds(10)).until(() -> {
        try {
          store.put(b("k"), b("2"));
          return false;
        } catch (StoreUnavailableException e) {
          return true;
        } catch (IndeterminateResultException e) {
          return false;
        }
      });
    } finally {
      ETCD.etcd().restart();
    }
    await("the store to reconnect").atMost(Duration.ofSeconds(15)).ignoreExceptions()
        .until(() -> store.put(b("k"), b("3")) > 0);
    assertThat(store.get(b("k")).map(KeyValue::value)).contains(b("3"));
  }

  @Test
  void aFrozenEtcdMakesWritesIndeterminateAndReadsUnavailable() {
    EtcdStore store = stores.open(EtcdTestStores.freshPrefix(), Duration.ofMillis(800), null, null);
    store.put(b("k"), b("1"));
    ETCD.etcd().freeze();
    try {
      assertThatThrownBy(() -> store.put(b("k"), b("2")))
          .isInstanceOf(IndeterminateResultException.class)
          .hasMessageContaining("may or may not have been applied");
      assertThatThrownBy(() -> store.get(b("k"))).isInstanceOf(StoreUnavailableException.class);
    } finally {
      ETCD.etcd().thaw();
    }
    await("etcd to answer again").atMost(Duration.ofSeconds(10)).ignoreExceptions()
        .until(() -> store.get(b("k")).isPresent());
    Optional<KeyValue> after = store.get(b("k"));
    assertThat(after.map(KeyValue::value).orElseThrow()).isIn(b("1"), b("2"));
  }
}
