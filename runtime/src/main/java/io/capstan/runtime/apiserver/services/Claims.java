package io.capstan.runtime.apiserver.services;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.Compare;
import io.capstan.spi.store.KeyRange;
import io.capstan.spi.store.KeyValue;
import io.capstan.spi.store.Op;
import io.capstan.spi.store.Store;
import io.capstan.spi.store.TxnRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One pool of allocations kept in the store: an item (an address, a port) is taken when its key
 * {@code /registry/allocations/<pool>/<item>} exists, and the key's value names the owner (a
 * Service's uid). Claiming is put-if-absent and releasing is delete-if-still-owned, both atomic in
 * the store, which is what makes allocations unique.
 */
final class Claims {

  private final Store store;
  private final String prefix;

  Claims(Store store, String pool) {
    this.store = requireNonNull(store, "store");
    this.prefix = "/registry/allocations/" + requireNonNull(pool, "pool") + "/";
  }

  /** Takes {@code item} for {@code owner}; true also when the owner already holds it. */
  boolean claim(String item, String owner) {
    Bytes key = key(item);
    if (store.create(key, Bytes.utf8(owner)).isPresent()) {
      return true;
    }
    return ownerOf(item).map(owner::equals).orElse(false);
  }

  /** Gives {@code item} back if {@code owner} still holds it. */
  void release(String item, String owner) {
    Bytes key = key(item);
    store.txn(TxnRequest.when(Compare.value(key).equal(Bytes.utf8(owner))).then(Op.delete(key)).build());
  }

  Optional<String> ownerOf(String item) {
    return store.get(key(item)).map(kv -> text(kv.value()));
  }

  /** Every item taken, with its owner. */
  Map<String, String> all() {
    Map<String, String> out = new LinkedHashMap<>();
    for (KeyValue kv : store.range(KeyRange.prefix(Bytes.utf8(prefix))).kvs()) {
      out.put(text(kv.key()).substring(prefix.length()), text(kv.value()));
    }
    return out;
  }

  private Bytes key(String item) {
    return Bytes.utf8(prefix + item);
  }

  private static String text(Bytes bytes) {
    return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
  }
}
