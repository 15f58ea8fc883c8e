package io.capstan.spi.auth;

/**
 * Decides whether a user may do a verb on a resource: step 2 of the request path.
 *
 * <p><b>The chain.</b> {@code apiserver.authorization} lists authorizer plugins in order
 * ({@code [RBAC]}, or {@code [AlwaysAllow]} for experiments). For each request the API server
 * asks them in that order; the first {@link Decision#ALLOW} or {@link Decision#DENY} wins and the
 * rest are not asked. When every authorizer has {@link Decision#NO_OPINION}, the request is
 * denied. A denial answers 403 Forbidden with {@link AuthorizationAttributes#describeDenial()}
 * and the deciding authorizer's reason.
 *
 * <p><b>Threading and blocking.</b> Called concurrently on request threads for every request,
 * including every watch and list of every component: must be fast and must not block. Read state
 * (roles, bindings) from informer listers, never from the API per request.
 *
 * <p><b>Errors.</b> An exception is logged and treated as {@code NO_OPINION} with the error kept
 * for the 403 message (so a broken authorizer fails closed unless a later one allows).
 */
public interface Authorizer {

  AuthorizationDecision authorize(AuthorizationAttributes attributes);
}
