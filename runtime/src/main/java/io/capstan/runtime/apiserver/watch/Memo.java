package io.capstan.runtime.apiserver.watch;

import io.capstan.spi.api.KubeJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * One JSON encoding of an object, computed on first use and shared by every watcher after that,
 * and the watch-stream lines made of it, one per event type (a filtered watcher may see a change
 * as ADDED or DELETED where others see MODIFIED), so a fan-out to many watchers encodes and frames
 * once.
 */
final class Memo implements Supplier<byte[]> {

  private static final byte[] TYPE = "{\"type\":\"".getBytes(StandardCharsets.UTF_8);
  private static final byte[] OBJECT = "\",\"object\":".getBytes(StandardCharsets.UTF_8);
  private static final byte[] END = "}\n".getBytes(StandardCharsets.UTF_8);

  private final Supplier<byte[]> encoder;
  private volatile byte[] bytes;
  private final AtomicReferenceArray<byte[]> lines = new AtomicReferenceArray<>(WatchEventOut.Type.values().length);

  /** Encodes with {@code encoder} (called at most once per thread race, its result shared). */
  Memo(Supplier<byte[]> encoder) {
    this.encoder = encoder;
  }

  /** Encodes {@code object} with the Kubernetes JSON settings. */
  static Memo of(Object object) {
    return new Memo(() -> {
      try {
        return KubeJson.mapper().writeValueAsBytes(object);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Override
  public byte[] get() {
    byte[] b = bytes;
    if (b == null) {
      b = encoder.get();
      bytes = b;
    }
    return b;
  }

  /** {@code {"type":"<type>","object":<the object>}} and a newline, shared by every caller. */
  byte[] line(WatchEventOut.Type type) {
    byte[] line = lines.get(type.ordinal());
    if (line == null) {
      line = line(type, get());
      lines.set(type.ordinal(), line);
    }
    return line;
  }

  /** One line of a JSON watch stream (Kubernetes' newline-delimited {@code WatchEvent} framing). */
  static byte[] line(WatchEventOut.Type type, byte[] object) {
    byte[] name = type.name().getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream out = new ByteArrayOutputStream(object.length + name.length + TYPE.length + OBJECT.length + END.length);
    out.writeBytes(TYPE);
    out.writeBytes(name);
    out.writeBytes(OBJECT);
    out.writeBytes(object);
    out.writeBytes(END);
    return out.toByteArray();
  }
}
