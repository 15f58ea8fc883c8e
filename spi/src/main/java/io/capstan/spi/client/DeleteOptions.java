package io.capstan.spi.client;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * How to delete an object, as in Kubernetes' {@code DeleteOptions}.
 *
 * @param propagationPolicy empty for the server's default for the kind (Background for most
 *     kinds)
 * @param gracePeriodSeconds empty for the object's own default (a pod's
 *     {@code terminationGracePeriodSeconds}); {@code 0} deletes at once
 * @param preconditionUid when present, delete only if the stored object has this uid (guards
 *     against deleting a newer object of the same name); else 409 Conflict
 * @param preconditionResourceVersion when present, delete only if the stored object has this
 *     resourceVersion; else 409 Conflict
 * @param dryRun run the request path (admission included) without deleting anything
 */
public record DeleteOptions(
    Optional<PropagationPolicy> propagationPolicy,
    OptionalLong gracePeriodSeconds,
    Optional<String> preconditionUid,
    Optional<String> preconditionResourceVersion,
    boolean dryRun) {

  /** The server's defaults, no preconditions. */
  public static final DeleteOptions DEFAULTS =
      new DeleteOptions(Optional.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty(),
          false);

  public DeleteOptions {
    requireNonNull(propagationPolicy, "propagationPolicy");
    requireNonNull(gracePeriodSeconds, "gracePeriodSeconds");
    requireNonNull(preconditionUid, "preconditionUid");
    requireNonNull(preconditionResourceVersion, "preconditionResourceVersion");
    if (gracePeriodSeconds.isPresent() && gracePeriodSeconds.getAsLong() < 0) {
      throw new IllegalArgumentException(
          "gracePeriodSeconds must be >= 0, got " + gracePeriodSeconds.getAsLong());
    }
  }

  public DeleteOptions withPropagationPolicy(PropagationPolicy policy) {
    return new DeleteOptions(Optional.of(policy), gracePeriodSeconds, preconditionUid,
        preconditionResourceVersion, dryRun);
  }

  public DeleteOptions withGracePeriodSeconds(long seconds) {
    return new DeleteOptions(propagationPolicy, OptionalLong.of(seconds), preconditionUid,
        preconditionResourceVersion, dryRun);
  }

  public DeleteOptions withPreconditionUid(String uid) {
    return new DeleteOptions(propagationPolicy, gracePeriodSeconds, Optional.of(uid),
        preconditionResourceVersion, dryRun);
  }

  public DeleteOptions withPreconditionResourceVersion(String resourceVersion) {
    return new DeleteOptions(propagationPolicy, gracePeriodSeconds, preconditionUid,
        Optional.of(resourceVersion), dryRun);
  }

  public DeleteOptions withDryRun(boolean value) {
    return new DeleteOptions(propagationPolicy, gracePeriodSeconds, preconditionUid,
        preconditionResourceVersion, value);
  }
}
