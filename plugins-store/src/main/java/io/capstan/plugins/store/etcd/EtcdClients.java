package io.capstan.plugins.store.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * Builds the jetcd client from the plugin's configuration.
 *
 * <p>Choices that differ from jetcd's defaults, and why:
 *
 * <ul>
 *   <li>{@code waitForReady(false)}: while no connection can be made, a call fails at once with
 *       UNAVAILABLE instead of queueing until the timeout, so the store can tell "never sent"
 *       ({@code StoreUnavailableException}, safe to retry) from "sent, no answer" (indeterminate).
 *   <li>Unbounded inbound message size, as the Kubernetes apiserver sets it: a list of large
 *       objects easily passes gRPC's 4 MiB default, and etcd itself sends what it has.
 *   <li>The {@link EtcdRequestRewriter} interceptor, for LEASE compares and chosen lease ids.
 * </ul>
 */
final class EtcdClients {

  private EtcdClients() {}

  static Client build(EtcdStoreConfig config, EtcdRequestRewriter rewriter) {
    ClientBuilder builder = Client.builder()
        .endpoints(config.endpoints().stream().map(String::trim).toArray(String[]::new))
        .connectTimeout(config.connectTimeout())
        .waitForReady(false)
        .maxInboundMessageSize(Integer.MAX_VALUE)
        .interceptor(rewriter);
    if (!config.username().isEmpty()) {
      builder.user(ByteSequence.from(config.username(), StandardCharsets.UTF_8))
          .password(ByteSequence.from(config.password(), StandardCharsets.UTF_8));
    }
    if (config.tls()) {
      File ca = readable("caFile", config.caFile());
      File cert = readable("certFile", config.certFile());
      File key = readable("keyFile", config.keyFile());
      try {
        builder.sslContext(ssl -> {
          if (ca != null) {
            ssl.trustManager(ca);
          }
          if (cert != null) {
            ssl.keyManager(cert, key);
          }
        });
      } catch (SSLException | IllegalArgumentException e) {
        throw new IllegalArgumentException("store.etcd: cannot set up TLS from caFile '"
            + config.caFile() + "', certFile '" + config.certFile() + "', keyFile '"
            + config.keyFile() + "' (PEM files; the key in PKCS#8): " + e.getMessage(), e);
      }
    }
    return builder.build();
  }

  /** The file of a TLS setting, or null when the setting is empty; it must be readable. */
  private static File readable(String field, String path) {
    if (path.isEmpty()) {
      return null;
    }
    Path p = Path.of(path);
    if (!Files.isReadable(p)) {
      throw new IllegalArgumentException("store.etcd." + field + ": cannot read " + p.toAbsolutePath()
          + "; point it at a PEM file this process may read");
    }
    return p.toFile();
  }
}
