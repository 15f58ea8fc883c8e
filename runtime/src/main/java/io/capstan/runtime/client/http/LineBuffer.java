package io.capstan.runtime.client.http;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Bytes of a newline-delimited stream as they arrive in chunks, handed out a whole line at a time.
 * One reader thread at a time (the HTTP client delivers a response's content in order).
 */
final class LineBuffer {

  private byte[] bytes = new byte[8192];
  private int start; // first byte not yet handed out
  private int end; // one past the last byte received
  private int scanned; // bytes from start already searched for a newline: a long line is searched once

  /** Appends a chunk, consuming it. */
  void append(ByteBuffer chunk) {
    int n = chunk.remaining();
    if (end + n > bytes.length) {
      int live = end - start;
      if (live + n <= bytes.length / 2) {
        System.arraycopy(bytes, start, bytes, 0, live); // compact: plenty of room once moved
      } else {
        byte[] grown = new byte[Math.max(bytes.length * 2, live + n)];
        System.arraycopy(bytes, start, grown, 0, live);
        bytes = grown;
      }
      scanned -= start;
      start = 0;
      end = live;
    }
    chunk.get(bytes, end, n);
    end += n;
  }

  /** The next complete line without its newline, or null until one has fully arrived. */
  byte[] next() {
    for (int i = Math.max(start, scanned); i < end; i++) {
      if (bytes[i] == '\n') {
        byte[] line = Arrays.copyOfRange(bytes, start, i);
        start = i + 1;
        scanned = start;
        return line;
      }
    }
    scanned = end;
    return null;
  }

  /** Everything received and not yet handed out (an error answer's body). */
  byte[] remaining() {
    return Arrays.copyOfRange(bytes, start, end);
  }
}
