package io.capstan.spi.store;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An immutable, binary-safe byte string: the type of every key and value in the {@link Store}.
 *
 * <p>Ordering is etcd's: unsigned lexicographic by byte, so {@code 0x7f < 0x80 < 0xff} and a
 * proper prefix sorts before every longer key it starts. {@link #equals} and {@link #hashCode}
 * compare contents. The bytes are copied in and out, so no caller can change an instance; plugins
 * that want to avoid the copy on the way out use {@link #asReadOnlyBuffer()}.
 *
 * <p>{@link #toString()} is for logs: the UTF-8 text when every byte is printable ASCII, otherwise
 * {@code 0x} followed by lower-case hex.
 */
public final class Bytes implements Comparable<Bytes> {

  /** The empty byte string: the smallest key, and the start of the "all keys" range. */
  public static final Bytes EMPTY = new Bytes(new byte[0]);

  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;
  private int hash;

  private Bytes(byte[] owned) {
    this.bytes = owned;
  }

  /** A copy of {@code bytes}; later changes to the array do not show. */
  public static Bytes copyOf(byte[] bytes) {
    requireNonNull(bytes, "bytes");
    return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
  }

  /** The given bytes, e.g. {@code Bytes.of(0x61, 0xff)}; each value is truncated to its low byte. */
  public static Bytes of(int... bytes) {
    requireNonNull(bytes, "bytes");
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return new Bytes(b);
  }

  /** The UTF-8 encoding of {@code text}, e.g. {@code Bytes.utf8("/registry/pods/default/web")}. */
  public static Bytes utf8(String text) {
    requireNonNull(text, "text");
    return new Bytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses hex digits, with or without a leading {@code 0x}; the inverse of {@link #toHex()}. */
  public static Bytes fromHex(String hex) {
    requireNonNull(hex, "hex");
    String digits = hex.startsWith("0x") ? hex.substring(2) : hex;
    return new Bytes(HEX.parseHex(digits));
  }

  public int size() {
    return bytes.length;
  }

  public boolean isEmpty() {
    return bytes.length == 0;
  }

  /** The byte at {@code index} as an unsigned value in [0, 255]. */
  public int byteAt(int index) {
    return bytes[index] & 0xff;
  }

  /** A fresh copy of the bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** A read-only view without copying, for plugins writing to RocksDB or gRPC. */
  public ByteBuffer asReadOnlyBuffer() {
    return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
  }

  /** Decodes the bytes as UTF-8; malformed input is replaced, never thrown. */
  public String toUtf8() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Lower-case hex digits, without a prefix; empty for {@link #EMPTY}. */
  public String toHex() {
    return HEX.formatHex(bytes);
  }

  public boolean startsWith(Bytes prefix) {
    requireNonNull(prefix, "prefix");
    return prefix.bytes.length <= bytes.length
        && Arrays.equals(bytes, 0, prefix.bytes.length, prefix.bytes, 0, prefix.bytes.length);
  }

  /** This byte string followed by {@code suffix}. */
  public Bytes concat(Bytes suffix) {
    requireNonNull(suffix, "suffix");
    byte[] b = Arrays.copyOf(bytes, bytes.length + suffix.bytes.length);
    System.arraycopy(suffix.bytes, 0, b, bytes.length, suffix.bytes.length);
    return new Bytes(b);
  }

  /**
   * The smallest byte string strictly greater than this one: this followed by {@code 0x00}. Used to
   * express a single key as the range {@code [key, key.successor())} and to page a range (the next
   * page starts at {@code lastKey.successor()}, as etcd clients and the Kubernetes apiserver do).
   */
  public Bytes successor() {
    return new Bytes(Arrays.copyOf(bytes, bytes.length + 1));
  }

  /**
   * The smallest byte string greater than every string that starts with this one, computed as etcd
   * does: drop trailing {@code 0xff} bytes, then add one to the last remaining byte. Empty when no
   * such bound exists, i.e. when this string is empty or made only of {@code 0xff} bytes: then
   * every key from this one on has the prefix or sorts after all that do, and the range is
   * unbounded (etcd writes that bound as {@code "\0"}).
   */
  public Optional<Bytes> prefixEnd() {
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] != (byte) 0xff) {
        byte[] end = Arrays.copyOf(bytes, i + 1);
        end[i]++;
        return Optional.of(new Bytes(end));
      }
    }
    return Optional.empty();
  }

  /** Unsigned lexicographic order, as etcd, RocksDB's default comparator and Go's bytes.Compare. */
  @Override
  public int compareTo(Bytes other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    // Racy single-check caching is safe: every thread computes the same value from final state.
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(bytes);
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    for (byte b : bytes) {
      if (b < 0x20 || b > 0x7e) {
        return "0x" + toHex();
      }
    }
    return toUtf8();
  }
}
