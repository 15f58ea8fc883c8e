package io.capstan.runtime.apiserver.watch;

import io.capstan.spi.api.KubeJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/** One JSON encoding of an object, computed on first use and shared by every watcher after that. */
final class Memo implements Supplier<byte[]> {

  private final Object object;
  private volatile byte[] bytes;

  Memo(Object object) {
    this.object = object;
  }

  @Override
  public byte[] get() {
    byte[] b = bytes;
    if (b == null) {
      try {
        b = KubeJson.mapper().writeValueAsBytes(object);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      bytes = b;
    }
    return b;
  }
}
