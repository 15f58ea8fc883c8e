package io.capstan.spi.auth;

/**
 * Decides who the caller of an API request is: step 1 of the request path.
 *
 * <p><b>The chain.</b> {@code apiserver.authentication} lists authenticator plugins in order
 * ({@code [token-file, anonymous]}). For each request the API server asks them in that order; the
 * first {@link AuthenticationResult.Outcome#AUTHENTICATED AUTHENTICATED} answer wins and the rest
 * are not asked. {@code NOT_APPLICABLE} and {@code REJECTED} both pass to the next one. When no
 * authenticator accepts, the request fails with 401 Unauthorized, whose message lists the
 * rejection reasons. Anonymous access is nothing special: the {@code anonymous} plugin, placed
 * last, accepts every request as {@link UserInfo#anonymous()}. The server then adds
 * {@link UserInfo#GROUP_AUTHENTICATED} (see {@link UserInfo#withAuthenticatedGroup()}).
 *
 * <p><b>Threading and blocking.</b> Called concurrently from request threads; implementations are
 * thread-safe. Should answer from memory (a token file loaded at start and reloaded in the
 * background); a plugin that must call out (a webhook) must apply its own short timeout and cache
 * answers, because every API call waits on it.
 *
 * <p><b>Errors.</b> An exception is logged and counts as a rejection with the exception's message;
 * it does not stop the chain. Never log or echo the credentials.
 */
public interface Authenticator {

  /** Looks at the request's credentials. */
  AuthenticationResult authenticate(AuthenticationRequest request);
}
