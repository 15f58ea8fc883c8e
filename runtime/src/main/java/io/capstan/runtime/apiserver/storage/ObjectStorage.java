package io.capstan.runtime.apiserver.storage;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.apiserver.errors.ApiErrors;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.CompactedException;
import io.capstan.spi.store.Compare;
import io.capstan.spi.store.FutureRevisionException;
import io.capstan.spi.store.KeyRange;
import io.capstan.spi.store.KeyValue;
import io.capstan.spi.store.Op;
import io.capstan.spi.store.RangeRequest;
import io.capstan.spi.store.RangeResult;
import io.capstan.spi.store.Store;
import io.capstan.spi.store.TxnRequest;
import io.capstan.spi.store.TxnResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Kubernetes objects over the {@link Store} SPI, the way the Kubernetes API server's etcd3 storage
 * works: create is a put-if-absent transaction, update and delete compare the key's modRevision
 * (optimistic concurrency; resourceVersion is the modRevision), lists read one snapshot revision and
 * page with a continue token that pins it. Thread-safe; every call blocks on the store.
 */
public final class ObjectStorage {

  /** How many times a guaranteed update retries after losing a compare-and-swap race. */
  private static final int MAX_ATTEMPTS = 64;

  private final Store store;
  private final ObjectCodec codec;

  public ObjectStorage(Store store, ObjectCodec codec) {
    this.store = requireNonNull(store, "store");
    this.codec = requireNonNull(codec, "codec");
  }

  public Store store() {
    return store;
  }

  public ObjectCodec codec() {
    return codec;
  }

  /** Stores a new object; 409 AlreadyExists when the name is taken. Returns it with its version. */
  public HasMetadata create(ResourceKind kind, HasMetadata object) {
    Bytes key = key(kind, object);
    TxnResult result = store.txn(TxnRequest.when(Compare.absent(key)).then(Op.put(key, codec.encode(object))).build());
    if (!result.succeeded()) {
      throw ApiErrors.alreadyExists(kind, object.getMetadata().getName());
    }
    object.getMetadata().setResourceVersion(Long.toString(result.revision()));
    return object;
  }

  /** The object at the latest revision, or at {@code revision} when positive. */
  public Optional<HasMetadata> get(ResourceKind kind, String namespace, String name, long revision) {
    RangeRequest request = RangeRequest.of(KeyRange.key(StorageKeys.bytes(StorageKeys.objectKey(kind, namespace, name))));
    return read(request.atRevision(Math.max(0, revision))).first().map(kv -> codec.decode(kind, kv));
  }

  /**
   * The object at the latest revision as the JSON a client is served ({@link ObjectCodec#servedJson}),
   * without building the object when its stored bytes allow.
   */
  public Optional<byte[]> getJson(ResourceKind kind, String namespace, String name) {
    RangeRequest request = RangeRequest.of(KeyRange.key(StorageKeys.bytes(StorageKeys.objectKey(kind, namespace, name))));
    return read(request).first().map(kv -> codec.servedJson(kind, kv, kv.modRevision()));
  }

  /**
   * One page of the objects in {@code namespace} ({@code ""}: all) that pass {@code filter}, from
   * the snapshot at {@code revision} (0: latest) or the one pinned by {@code continueToken}.
   */
  public StoredList list(ResourceKind kind, String namespace, long revision, long limit, String continueToken,
      Predicate<HasMetadata> filter) {
    Page<HasMetadata> page = page(kind, namespace, revision, limit, continueToken, filter == ALL, kv -> {
      HasMetadata object = codec.decode(kind, kv);
      return filter.test(object) ? object : null;
    });
    return new StoredList(page.items(), page.revision(), page.continueToken(), page.remaining());
  }

  /**
   * {@link #list} with each item as the JSON a client is served ({@link ObjectCodec#servedJson}):
   * without a filter no object is built at all; with one, objects are decoded to be tested only.
   */
  public Page<byte[]> listJson(ResourceKind kind, String namespace, long revision, long limit, String continueToken,
      Predicate<HasMetadata> filter) {
    boolean all = filter == ALL;
    return page(kind, namespace, revision, limit, continueToken, all,
        kv -> all || filter.test(codec.decode(kind, kv)) ? codec.servedJson(kind, kv, kv.modRevision()) : null);
  }

  /**
   * One page of a list read from the store, in key order.
   *
   * @param revision the snapshot revision: the list's resourceVersion
   * @param continueToken {@code ""} on the last page
   * @param remaining as {@link StoredList#remaining()}
   */
  public record Page<T>(List<T> items, long revision, String continueToken, long remaining) {}

  /** Reads a page; {@code select} gives a key-value's item, or null when the filter drops it. */
  private <T> Page<T> page(ResourceKind kind, String namespace, long revision, long limit, String continueToken,
      boolean unfiltered, java.util.function.Function<KeyValue, T> select) {
    String prefix = StorageKeys.listPrefix(kind, namespace);
    Bytes start = StorageKeys.bytes(prefix);
    long snapshot = revision;
    if (!continueToken.isEmpty()) {
      ContinueToken token = ContinueToken.decode(continueToken, prefix);
      start = StorageKeys.bytes(token.lastKey()).successor();
      snapshot = token.revision();
    }
    KeyRange whole = KeyRange.prefix(StorageKeys.bytes(prefix));
    Bytes end = whole.end().orElseThrow();
    List<T> items = new ArrayList<>();
    // Kubernetes reads in chunks and filters, reading on until the page is full or the range ends.
    long chunk = limit > 0 ? Math.max(limit, 64) : 0;
    while (true) {
      RangeRequest request = RangeRequest.of(KeyRange.between(start, end)).atRevision(snapshot).withLimit(chunk);
      RangeResult page = read(request);
      if (snapshot == 0) {
        snapshot = page.revision();
      }
      for (int i = 0; i < page.kvs().size(); i++) {
        KeyValue kv = page.kvs().get(i);
        T item = select.apply(kv);
        if (item != null) {
          items.add(item);
          if (limit > 0 && items.size() == limit) {
            boolean more = i < page.kvs().size() - 1 || page.more();
            String token = more ? new ContinueToken(snapshot, kv.key().toUtf8()).encode() : "";
            long remaining = more && unfiltered ? page.count() - i - 1 : -1;
            return new Page<>(items, snapshot, token, remaining);
          }
        }
      }
      if (!page.more() || page.kvs().isEmpty()) {
        return new Page<>(items, snapshot, "", 0);
      }
      start = page.lastKey().orElseThrow().successor();
    }
  }

  /** A filter that keeps everything; lets the list report remainingItemCount. */
  public static final Predicate<HasMetadata> ALL = o -> true;

  /**
   * Reads the current object, asks {@code update} for its replacement and writes it if the object
   * did not change in between; on a lost race it reads again and retries. {@code update} may throw
   * an {@link io.capstan.spi.client.ApiException} (a stale resourceVersion is a 409 it raises
   * itself) and must not keep state between calls. It receives a private copy, which it may change
   * and return; when the result encodes to the stored bytes, nothing is written.
   */
  public HasMetadata guaranteedUpdate(ResourceKind kind, String namespace, String name, UpdateFunction update) {
    return guaranteedUpdate(kind, namespace, name, (current, copies) -> update.apply(current));
  }

  /**
   * {@link #guaranteedUpdate(ResourceKind, String, String, UpdateFunction)} for a function that
   * needs more private copies of the current object (the new object and the old one that
   * admission compares it with): {@code copies} decodes the stored bytes again, which costs less
   * than copying an object. When the result encodes to the stored bytes nothing is written, as in
   * Kubernetes' etcd3 {@code GuaranteedUpdate}, and the object as stored is returned.
   */
  public HasMetadata guaranteedUpdate(ResourceKind kind, String namespace, String name, CopyingUpdateFunction update) {
    Bytes key = StorageKeys.bytes(StorageKeys.objectKey(kind, namespace, name));
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<KeyValue> currentKv = read(RangeRequest.of(KeyRange.key(key))).first();
      if (currentKv.isEmpty()) {
        throw ApiErrors.notFound(kind, name);
      }
      KeyValue kv = currentKv.get();
      HasMetadata current = codec.decode(kind, kv);
      HasMetadata updated = update.apply(current, () -> codec.decode(kind, kv));
      Bytes encoded = codec.encode(updated);
      if (encoded.equals(kv.value())) {
        return updated == current ? current : codec.decode(kind, kv);
      }
      TxnResult result = store.txn(TxnRequest.when(Compare.modRevision(key).equal(kv.modRevision()))
          .then(Op.put(key, encoded)).build());
      if (result.succeeded()) {
        updated.getMetadata().setResourceVersion(Long.toString(result.revision()));
        return updated;
      }
    }
    throw ApiErrors.conflict(kind, name, "too many concurrent updates; try again");
  }

  /**
   * Deletes the object if {@code precondition} accepts its current state, compare-and-swap on its
   * modRevision so a concurrent update is never lost. Returns the deleted object.
   */
  public HasMetadata delete(ResourceKind kind, String namespace, String name, Predicate<HasMetadata> precondition) {
    Bytes key = StorageKeys.bytes(StorageKeys.objectKey(kind, namespace, name));
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<KeyValue> currentKv = read(RangeRequest.of(KeyRange.key(key))).first();
      HasMetadata current = currentKv.map(kv -> codec.decode(kind, kv)).orElseThrow(() -> ApiErrors.notFound(kind, name));
      if (!precondition.test(current)) {
        return current;
      }
      TxnResult result = store.txn(TxnRequest.when(Compare.modRevision(key).equal(currentKv.get().modRevision()))
          .then(Op.delete(key)).build());
      if (result.succeeded()) {
        current.getMetadata().setResourceVersion(Long.toString(result.revision()));
        return current;
      }
    }
    throw ApiErrors.conflict(kind, name, "too many concurrent updates; try again");
  }

  private RangeResult read(RangeRequest request) {
    try {
      return store.range(request);
    } catch (CompactedException e) {
      throw ApiErrors.expired("The resourceVersion for the provided list is too old.");
    } catch (FutureRevisionException e) {
      throw ApiErrors.timeout("Too large resource version: " + request.revision() + ", current: " + store.currentRevision());
    }
  }

  private static Bytes key(ResourceKind kind, HasMetadata object) {
    String namespace = object.getMetadata().getNamespace() == null ? "" : object.getMetadata().getNamespace();
    return StorageKeys.bytes(StorageKeys.objectKey(kind, namespace, object.getMetadata().getName()));
  }

  /** The replacement of an object in a guaranteed update. */
  @FunctionalInterface
  public interface UpdateFunction {
    HasMetadata apply(HasMetadata current);
  }

  /** The replacement of an object, given more private copies of it on demand. */
  @FunctionalInterface
  public interface CopyingUpdateFunction {
    HasMetadata apply(HasMetadata current, java.util.function.Supplier<HasMetadata> copies);
  }
}
