package io.capstan.runtime.apiserver.security;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads one HTTP/1.1 response off a socket the test writes requests to by hand, for tests about what happens to the
 * connection itself, which an HTTP client library hides (it reconnects, retries, pools).
 */
final class RawHttp {

  private RawHttp() {}

  /** Status line, headers and body (Content-Length or chunked) as text; EOFException if the server closed first. */
  static String readResponse(DataInputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    long length = 0;
    boolean chunked = false;
    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
      head.append(line).append('\n');
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(lower.substring("content-length:".length()).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (chunked) {
      for (int size = Integer.parseInt(readLine(in).trim(), 16); size > 0; size = Integer.parseInt(readLine(in).trim(), 16)) {
        body.write(in.readNBytes(size));
        readLine(in);
      }
      readLine(in);
    } else {
      body.write(in.readNBytes((int) length));
    }
    return head + "\n" + body.toString(StandardCharsets.UTF_8);
  }

  private static String readLine(DataInputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("the server closed the connection; read so far: " + line);
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }
}
