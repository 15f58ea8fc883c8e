package io.capstan.runtime.apiserver;

import io.capstan.runtime.apiserver.security.TlsSettings;
import io.capstan.spi.plugin.InvalidConfigException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * The API server's settings under {@code apiserver.*}.
 *
 * @param bind the address to listen on; default 127.0.0.1
 * @param port the port; default 6443
 * @param authentication the authenticator chain (selection key of that plugin family)
 * @param authorization the authorizer chain (selection key of that plugin family)
 * @param admission the admission plugin chain (selection key of that plugin family)
 * @param watchCacheSize changes kept per kind for watch resumption; default 10000
 * @param bookmarkInterval how often watchers that allow bookmarks get one; default 60s
 * @param maxRequestThreads the HTTP thread pool's size; default 200
 * @param tls HTTPS (the default) or plain HTTP, see {@link TlsSettings}
 */
public record ApiServerSettings(String bind, Integer port, List<String> authentication, List<String> authorization,
    List<String> admission, Integer watchCacheSize, Duration bookmarkInterval, Integer maxRequestThreads, TlsSettings tls) {

  public ApiServerSettings {
    bind = bind == null || bind.isBlank() ? "127.0.0.1" : bind;
    port = port == null ? 6443 : port;
    authentication = authentication == null ? List.of() : List.copyOf(authentication);
    authorization = authorization == null ? List.of() : List.copyOf(authorization);
    admission = admission == null ? List.of() : List.copyOf(admission);
    watchCacheSize = watchCacheSize == null ? 10_000 : watchCacheSize;
    bookmarkInterval = bookmarkInterval == null ? Duration.ofSeconds(60) : bookmarkInterval;
    maxRequestThreads = maxRequestThreads == null ? 200 : maxRequestThreads;
    tls = tls == null ? TlsSettings.defaults() : tls;
    if (port < 0 || port > 65535) {
      throw new InvalidConfigException("port", "must be a TCP port from 0 to 65535 (0 picks a free one), e.g. 6443");
    }
    if (watchCacheSize < 100) {
      throw new InvalidConfigException("watchCacheSize", "must be at least 100 changes per kind");
    }
    if (bookmarkInterval.isNegative() || bookmarkInterval.isZero()) {
      throw new InvalidConfigException("bookmarkInterval", "must be a positive duration such as 60s");
    }
    if (maxRequestThreads < 8) {
      throw new InvalidConfigException("maxRequestThreads", "must be at least 8");
    }
    if (!tls.enabled() && !tls.allowInsecureNonLoopback() && !isLoopback(bind)) {
      throw new InvalidConfigException("tls.enabled", "plain HTTP is only served on a loopback address, but bind is " + bind
          + "; enable TLS, bind 127.0.0.1, or set apiserver.tls.allowInsecureNonLoopback: true to force it");
    }
  }

  /** Settings for an embedded server or a test: plain HTTP (allowed on loopback only). */
  public ApiServerSettings(String bind, Integer port, List<String> authentication, List<String> authorization,
      List<String> admission, Integer watchCacheSize, Duration bookmarkInterval, Integer maxRequestThreads) {
    this(bind, port, authentication, authorization, admission, watchCacheSize, bookmarkInterval, maxRequestThreads,
        TlsSettings.DISABLED);
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
