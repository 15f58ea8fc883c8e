package io.capstan.plugins.admission.anonymous;

import io.capstan.spi.auth.AuthenticationRequest;
import io.capstan.spi.auth.AuthenticationResult;
import io.capstan.spi.auth.Authenticator;
import io.capstan.spi.auth.UserInfo;

/**
 * Kubernetes' anonymous access: placed last in {@code apiserver.authentication}, it accepts a
 * request that carries no credentials as {@code system:anonymous} in group
 * {@code system:unauthenticated}. A request that does carry credentials (an Authorization header
 * or a client certificate) which no earlier authenticator accepted stays unauthenticated (401),
 * as in kube-apiserver: a bad token is never silently downgraded to anonymous.
 */
public final class AnonymousAuthenticator implements Authenticator {

  @Override
  public AuthenticationResult authenticate(AuthenticationRequest request) {
    if (request.header("Authorization").isPresent() || !request.clientCertificates().isEmpty()) {
      return AuthenticationResult.notApplicable();
    }
    return AuthenticationResult.authenticated(UserInfo.anonymous());
  }
}
