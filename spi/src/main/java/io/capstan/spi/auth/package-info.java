/**
 * Authentication and authorization, steps 1 and 2 of the request path: ordered chains of
 * {@link io.capstan.spi.auth.Authenticator}s (first to authenticate wins; none ⇒ 401) and
 * {@link io.capstan.spi.auth.Authorizer}s (first ALLOW or DENY wins; all NO_OPINION ⇒ 403),
 * with Kubernetes' {@link io.capstan.spi.auth.UserInfo} and attribute model.
 */
package io.capstan.spi.auth;
