package io.capstan.plugins.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.KeyRange;
import io.etcd.jetcd.ByteSequence;
import org.junit.jupiter.api.Test;

/** How Capstan ranges land in etcd's keyspace under a prefix, and how keys come back. */
class EtcdKeysTest {

  private static final EtcdKeys NONE = new EtcdKeys(Bytes.EMPTY);
  private static final EtcdKeys PREFIXED = new EtcdKeys(Bytes.utf8("/p/"));

  private static Bytes b(String text) {
    return Bytes.utf8(text);
  }

  private static String hex(ByteSequence bytes) {
    return Bytes.copyOf(bytes.getBytes()).toHex();
  }

  private static void maps(EtcdKeys keys, KeyRange range, String keyHex, String endHex) {
    EtcdKeys.EtcdRange r = keys.range(range);
    assertThat(r.isEmpty()).as("%s is not empty", range).isFalse();
    assertThat(hex(r.key())).as("key of %s", range).isEqualTo(keyHex);
    assertThat(hex(r.end())).as("end of %s", range).isEqualTo(endHex);
  }

  @Test
  void withoutAPrefixRangesAreEtcdsOwn() {
    maps(NONE, KeyRange.all(), "00", "00");
    maps(NONE, KeyRange.fromKey(b("a")), "61", "00");
    maps(NONE, KeyRange.prefix(b("a")), "61", "62");
    maps(NONE, KeyRange.key(b("a")), "61", "6100");
    maps(NONE, KeyRange.between(b("a"), b("c")), "61", "63");
    maps(NONE, KeyRange.prefix(Bytes.of(0xff)), "ff", "00");
  }

  @Test
  void underAPrefixEveryRangeStaysInsideIt() {
    maps(PREFIXED, KeyRange.all(), "2f702f00", "2f7030");
    maps(PREFIXED, KeyRange.fromKey(b("a")), "2f702f61", "2f7030");
    maps(PREFIXED, KeyRange.prefix(b("a")), "2f702f61", "2f702f62");
    maps(PREFIXED, KeyRange.key(b("a")), "2f702f61", "2f702f6100");
    maps(new EtcdKeys(Bytes.of(0xff, 0xff)), KeyRange.all(), "ffff00", "00");
  }

  @Test
  void emptyRangesStayEmptyInsteadOfMeaningEverything() {
    for (EtcdKeys keys : new EtcdKeys[] {NONE, PREFIXED}) {
      for (KeyRange range : new KeyRange[] {KeyRange.between(b("a"), b("a")),
          KeyRange.between(Bytes.EMPTY, Bytes.EMPTY), KeyRange.between(Bytes.EMPTY, Bytes.of(0))}) {
        EtcdKeys.EtcdRange r = keys.range(range);
        assertThat(r.isEmpty()).as("%s", range).isTrue();
        assertThat(r.key()).isEqualTo(r.end());
        assertThat(r.end().size()).as("never the one-byte open end").isGreaterThan(1);
      }
    }
  }

  @Test
  void keysRoundTripAndForeignKeysAreRefused() {
    ByteSequence etcdKey = PREFIXED.key(b("k"));
    assertThat(etcdKey.toString()).isEqualTo("/p/k");
    assertThat(PREFIXED.strip(etcdKey)).isEqualTo(b("k"));
    assertThat(PREFIXED.owns(etcdKey)).isTrue();
    assertThat(PREFIXED.owns(ByteSequence.from(b("/q/k").toByteArray()))).isFalse();
    assertThat(PREFIXED.owns(ByteSequence.from(b("/p/").toByteArray())))
        .as("the prefix itself is no Capstan key").isFalse();
    assertThatIllegalStateException()
        .isThrownBy(() -> PREFIXED.strip(ByteSequence.from(b("/q/k").toByteArray())));
    assertThat(NONE.strip(NONE.key(b("k")))).isEqualTo(b("k"));
  }

  @Test
  void theProbeKeyIsNoCapstanKey() {
    assertThat(PREFIXED.probeKey().toString()).isEqualTo("/p/");
    assertThat(hex(NONE.probeKey())).isEqualTo("00");
  }
}
