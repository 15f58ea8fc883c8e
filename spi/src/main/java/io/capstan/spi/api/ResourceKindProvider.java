package io.capstan.spi.api;

import java.util.List;

/**
 * Contributes kinds to the API server. The kernel collects every bound provider (the built-in kinds
 * come from one, each plugin may add another through a {@link ResourceKindFactory}) into one
 * {@link KindRegistry} at start-up; a duplicate group+version+kind or group+plural across providers
 * stops start-up with an error naming both.
 *
 * <p>Called once, on the start-up thread, before any request is served; must not block and must
 * return the same kinds on every call.
 */
public interface ResourceKindProvider {

  /** The kinds this provider contributes; never null, may be empty. */
  List<ResourceKind> kinds();
}
