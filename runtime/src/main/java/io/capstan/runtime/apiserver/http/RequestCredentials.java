package io.capstan.runtime.apiserver.http;

import io.capstan.spi.auth.AuthenticationRequest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;

/** What authenticators see of an HTTP request: its headers, the TLS client certificate chain and the peer. */
final class RequestCredentials {

  private RequestCredentials() {}

  static AuthenticationRequest of(Request request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpField field : request.getHeaders()) {
      headers.computeIfAbsent(field.getName(), k -> new ArrayList<>(1)).add(field.getValue());
    }
    List<X509Certificate> chain = List.of();
    if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData ssl
        && ssl.peerCertificates() != null) {
      chain = List.of(ssl.peerCertificates());
    }
    return new AuthenticationRequest(headers, chain, Request.getRemoteAddr(request) + ":" + Request.getRemotePort(request));
  }
}
