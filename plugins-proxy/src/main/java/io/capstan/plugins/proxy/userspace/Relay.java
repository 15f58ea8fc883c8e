package io.capstan.plugins.proxy.userspace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies bytes both ways between a client and its endpoint on the loop's selector, with one buffer
 * per direction: a side is read only while its buffer is empty, so a slow reader slows its writer
 * (back-pressure) instead of filling memory. An end of stream is passed on as a half close; the
 * pair is closed when both directions are done or either fails.
 */
final class Relay implements ProxyLoop.Handler {

  private static final Logger LOG = LoggerFactory.getLogger(Relay.class);
  private static final int BUFFER = 64 * 1024;

  private final SocketChannel client;
  private final SocketChannel backend;
  private final ByteBuffer toBackend = ByteBuffer.allocate(BUFFER);
  private final ByteBuffer toClient = ByteBuffer.allocate(BUFFER);
  private final Runnable onClose;
  private SelectionKey clientKey;
  private SelectionKey backendKey;
  private boolean clientEof;
  private boolean backendEof;
  private boolean backendOutShut;
  private boolean clientOutShut;
  private boolean closed;

  Relay(SocketChannel client, SocketChannel backend, Runnable onClose) {
    this.client = client;
    this.backend = backend;
    this.onClose = onClose;
  }

  /** Registers both channels; they must already be non-blocking and the backend connected. */
  void register(Selector selector) throws ClosedChannelException {
    clientKey = client.register(selector, SelectionKey.OP_READ, this);
    SelectionKey existing = backend.keyFor(selector);
    if (existing != null) {
      existing.attach(this);
      existing.interestOps(SelectionKey.OP_READ);
      backendKey = existing;
    } else {
      backendKey = backend.register(selector, SelectionKey.OP_READ, this);
    }
  }

  @Override
  public void ready(SelectionKey key) {
    try {
      if (key == clientKey) {
        if (key.isReadable() && !clientEof && toBackend.position() == 0) {
          clientEof = client.read(toBackend) < 0;
        }
        if (key.isValid() && key.isWritable()) {
          flush(toClient, client);
        }
      } else {
        if (key.isReadable() && !backendEof && toClient.position() == 0) {
          backendEof = backend.read(toClient) < 0;
        }
        if (key.isValid() && key.isWritable()) {
          flush(toBackend, backend);
        }
      }
      // write eagerly: most of the time the other side can take it at once
      flush(toBackend, backend);
      flush(toClient, client);
      halfClose();
      if (!closed) {
        updateInterest();
      }
    } catch (IOException e) {
      LOG.debug("relay {} closed: {}", client, e.toString());
      close();
    }
  }

  private static void flush(ByteBuffer buffer, SocketChannel to) throws IOException {
    if (buffer.position() == 0) {
      return;
    }
    buffer.flip();
    to.write(buffer);
    buffer.compact();
  }

  private void halfClose() throws IOException {
    if (clientEof && toBackend.position() == 0 && !backendOutShut) {
      backendOutShut = true;
      backend.shutdownOutput();
    }
    if (backendEof && toClient.position() == 0 && !clientOutShut) {
      clientOutShut = true;
      client.shutdownOutput();
    }
    if (backendOutShut && clientOutShut) {
      close();
    }
  }

  private void updateInterest() {
    int c = 0;
    int b = 0;
    if (!clientEof && toBackend.position() == 0) {
      c |= SelectionKey.OP_READ;
    }
    if (toClient.position() > 0) {
      c |= SelectionKey.OP_WRITE;
    }
    if (!backendEof && toClient.position() == 0) {
      b |= SelectionKey.OP_READ;
    }
    if (toBackend.position() > 0) {
      b |= SelectionKey.OP_WRITE;
    }
    clientKey.interestOps(c);
    backendKey.interestOps(b);
  }

  void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeQuietly(client);
    closeQuietly(backend);
    onClose.run();
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("closing {}: {}", channel, e.toString());
    }
  }
}
