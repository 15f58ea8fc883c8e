package io.capstan.spi.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WatchTypesTest {

  private static final Bytes K = Bytes.utf8("/k");

  @Test
  void eventsBatchHoldsExactlyOneRevision() {
    WatchEvent put = WatchEvent.put(KeyValue.of(K, Bytes.utf8("v"), 5, 5, 1));
    WatchEvent del = WatchEvent.delete(Bytes.utf8("/j"), 5);
    assertThat(new WatchResponse.Events(5, List.of(put, del)).events()).hasSize(2);
    assertThatThrownBy(() -> new WatchResponse.Events(6, List.of(put)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WatchResponse.Events(5, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(put.isCreate()).isTrue();
    assertThat(del.kv().isTombstone()).isTrue();
  }

  @Test
  void terminalResponses() {
    assertThat(new WatchResponse.Compacted(10).isTerminal()).isTrue();
    assertThat(new WatchResponse.Failed(3, new StoreUnavailableException("closing")).isTerminal())
        .isTrue();
    assertThat(new WatchResponse.Progress(3).isTerminal()).isFalse();
  }

  @Test
  void eventTypeMustMatchKv() {
    assertThatThrownBy(() -> new WatchEvent(WatchEvent.Type.PUT, KeyValue.tombstone(K, 3),
        java.util.Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    KeyValue prev = KeyValue.of(K, Bytes.utf8("old"), 2, 2, 1);
    assertThat(WatchEvent.delete(K, 3).withPrevKv(prev).prevKv()).contains(prev);
    assertThatThrownBy(() -> WatchEvent.delete(K, 2).withPrevKv(prev))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requestFilters() {
    WatchRequest r = WatchRequest.of(KeyRange.prefix(Bytes.utf8("/"))).withoutDeletes();
    assertThat(r.accepts(WatchEvent.put(KeyValue.of(K, Bytes.EMPTY, 1, 1, 1)))).isTrue();
    assertThat(r.accepts(WatchEvent.delete(K, 2))).isFalse();
    assertThat(r.accepts(WatchEvent.put(KeyValue.of(Bytes.utf8("x"), Bytes.EMPTY, 1, 1, 1))))
        .isFalse();
    assertThatThrownBy(() -> r.fromRevision(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keyValueMetadataRules() {
    assertThatThrownBy(() -> KeyValue.of(K, Bytes.EMPTY, 5, 4, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyValue.of(K, Bytes.EMPTY, 0, 4, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeyValue(K, Bytes.utf8("x"), 0, 4, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    KeyValue kv = new KeyValue(K, Bytes.utf8("x"), 1, 4, 2, 9);
    assertThat(kv.withoutValue().value()).isEqualTo(Bytes.EMPTY);
    assertThat(kv.withoutValue().modRevision()).isEqualTo(4);
    assertThat(kv.hasLease()).isTrue();
  }
}
