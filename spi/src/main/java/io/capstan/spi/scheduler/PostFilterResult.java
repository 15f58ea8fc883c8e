package io.capstan.spi.scheduler;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What a {@link PostFilterPlugin} returns.
 *
 * @param nominatedNodeName the node the pod should get once the evicted victims are gone; the
 *     framework writes it to {@code status.nominatedNodeName} and retries the pod
 * @param status SUCCESS (something was done: the pod is requeued, nominated if a node is given),
 *     UNSCHEDULABLE (this plugin could not help; the next PostFilter runs) or ERROR
 */
public record PostFilterResult(Optional<String> nominatedNodeName, Status status) {

  public PostFilterResult {
    requireNonNull(nominatedNodeName, "nominatedNodeName");
    requireNonNull(status, "status");
  }

  public static PostFilterResult nominate(String nodeName) {
    return new PostFilterResult(Optional.of(requireNonNull(nodeName, "nodeName")),
        Status.success());
  }

  public static PostFilterResult of(Status status) {
    return new PostFilterResult(Optional.empty(), status);
  }
}
