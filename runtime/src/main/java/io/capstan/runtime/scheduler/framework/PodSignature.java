package io.capstan.runtime.scheduler.framework;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What a profile's plugins see of a pod; two pods with equal signatures get the same verdicts and scores. */
public record PodSignature(List<Object> fragments) {

  public PodSignature {
    fragments = Collections.unmodifiableList(new ArrayList<>(fragments)); // fragments may hold nulls
  }
}
