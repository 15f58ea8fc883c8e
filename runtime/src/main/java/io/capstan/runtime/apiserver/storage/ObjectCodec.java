package io.capstan.runtime.apiserver.storage;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.KeyValue;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns objects into stored bytes and back. Stored objects carry no resourceVersion (the store's
 * modRevision is the version, as in Kubernetes' etcd3 storage); decoding sets it from the key's
 * modRevision, so a version is never stale inside the store.
 */
public final class ObjectCodec {

  private final ObjectMapper mapper;

  public ObjectCodec() {
    this(KubeJson.mapper());
  }

  public ObjectCodec(ObjectMapper mapper) {
    this.mapper = requireNonNull(mapper, "mapper");
  }

  public Bytes encode(HasMetadata object) {
    String version = object.getMetadata().getResourceVersion();
    object.getMetadata().setResourceVersion(null);
    try {
      return Bytes.copyOf(mapper.writeValueAsBytes(object));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + object.getKind() + " " + object.getMetadata().getName(), e);
    } finally {
      object.getMetadata().setResourceVersion(version);
    }
  }

  /** A new object decoded from a stored value, with resourceVersion = the value's modRevision. */
  public HasMetadata decode(ResourceKind kind, KeyValue kv) {
    try {
      HasMetadata object = mapper.readValue(kv.value().toByteArray(), kind.javaType());
      object.getMetadata().setResourceVersion(Long.toString(kv.modRevision()));
      if (object.getApiVersion() == null) {
        object.setApiVersion(kind.apiVersion());
      }
      if (object.getKind() == null) {
        setKind(object, kind.kind());
      }
      return object;
    } catch (IOException e) {
      throw new UncheckedIOException("stored value of " + kv.key() + " is not a valid " + kind.kind(), e);
    }
  }

  /**
   * The JSON a client is served for a stored value: what {@link #decode} then encoding would
   * give, with resourceVersion {@code revision} (the value's modRevision, or a delete's revision).
   * Made from the stored bytes directly when they have the expected shape (see {@link ServedJson}),
   * which skips building and encoding the object; otherwise decoded and encoded.
   */
  public byte[] servedJson(ResourceKind kind, KeyValue kv, long revision) {
    byte[] stored = kv.value().toByteArray();
    return ServedJson.withResourceVersion(stored, revision).orElseGet(() -> {
      HasMetadata object = decode(kind, kv);
      object.getMetadata().setResourceVersion(Long.toString(revision));
      try {
        return mapper.writeValueAsBytes(object);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot encode " + kind.kind() + " " + object.getMetadata().getName(), e);
      }
    });
  }

  private static void setKind(HasMetadata object, String kind) {
    // Generic resources carry their kind as data; typed fabric8 classes fix it in the class.
    if (object instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource generic) {
      generic.setKind(kind);
    }
  }

  public ObjectMapper mapper() {
    return mapper;
  }
}
