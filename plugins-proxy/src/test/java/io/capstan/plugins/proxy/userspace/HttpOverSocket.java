package io.capstan.plugins.proxy.userspace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Minimal HTTP/1.1 over a plain socket, so a test controls exactly which connection carries what. */
final class HttpOverSocket implements AutoCloseable {

  private final Socket socket;

  HttpOverSocket(InetSocketAddress address) throws IOException {
    socket = new Socket();
    socket.connect(address, 2000);
    socket.setSoTimeout(5000);
  }

  /** One request on a fresh connection, answered body. */
  static String get(InetSocketAddress address) throws IOException {
    try (HttpOverSocket http = new HttpOverSocket(address)) {
      return http.request();
    }
  }

  /** Sends a keep-alive GET on this connection and returns the response body. */
  String request() throws IOException {
    socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed before the response headers ended: " + head);
      }
      head.write(b);
    }
    int length = 0;
    for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
