package io.capstan.runtime.apiserver.watch;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.function.Predicate;

/**
 * Which objects a watcher wants: a namespace ({@code ""} for all) and a predicate combining its
 * label and field selectors.
 */
public record WatchFilter(String namespace, Predicate<HasMetadata> predicate) {

  public static final WatchFilter EVERYTHING = new WatchFilter("", o -> true);

  public WatchFilter {
    requireNonNull(namespace, "namespace");
    requireNonNull(predicate, "predicate");
  }

  public boolean matches(HasMetadata object) {
    if (!namespace.isEmpty() && !namespace.equals(object.getMetadata().getNamespace())) {
      return false;
    }
    return predicate.test(object);
  }
}
