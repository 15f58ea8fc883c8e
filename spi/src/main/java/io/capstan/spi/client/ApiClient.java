package io.capstan.spi.client;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * How every component other than the API server reads and writes objects. Controllers, the
 * scheduler, node agents, proxies and ingress controllers never touch the store: they write through
 * this client (which runs the full request path: authentication of the component's identity,
 * authorization, admission, optimistic concurrency) and read through {@link SharedInformer}s.
 *
 * <p>In the all-in-one topology the runtime binds an in-process client that calls the API server
 * directly; in the split topology it binds an HTTP client. A plugin cannot tell the difference and
 * must not care.
 *
 * <p>Thread-safe. Every call on a {@link ResourceClient} blocks the caller until the API server
 * has answered, so call it from a reconcile worker or a task of your own, never from an informer
 * event handler or a {@link WatchHandler} (those run on dispatch threads that must not block).
 */
public interface ApiClient {

  /**
   * The typed client of one kind. Cheap: callers may ask for it on every use instead of keeping it.
   *
   * @param type a fabric8 model class whose kind the API server serves ({@code Pod.class}, a
   *     custom resource class registered with the kind registry)
   * @throws IllegalArgumentException if the API server does not serve that kind; the message names
   *     the class and says how to register a kind
   */
  <T extends HasMetadata> ResourceClient<T> resources(Class<T> type);

  /**
   * The client of the kind {@code kind} itself, for callers that walk the kind registry (the
   * namespace controller, the garbage collector): it also reaches kinds that share a Java class,
   * such as plugin kinds held as {@code GenericKubernetesResource}. The default resolves the kind's
   * class with {@link #resources(Class)}, which works when that class holds one kind only;
   * clients of the runtime override it.
   *
   * @throws IllegalArgumentException if the API server does not serve that kind
   */
  default ResourceClient<? extends HasMetadata> resources(io.capstan.spi.api.ResourceKind kind) {
    return resources(kind.javaType());
  }
}
