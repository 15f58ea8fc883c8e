package io.capstan.spi.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Optional;

/**
 * Reads and writes the objects of one kind, with Kubernetes REST semantics.
 *
 * <p><b>Namespaces.</b> For namespaced kinds {@code namespace} is the object's namespace; for
 * cluster-scoped kinds (Node, Namespace, ...) it must be {@code ""}.
 *
 * <p><b>Blocking and threads.</b> Thread-safe; every method blocks until the API server answers.
 * Never call it from an informer handler or a watch handler.
 *
 * <p><b>Errors.</b> Every failure the server reports is an {@link ApiException} subclass carrying
 * the HTTP code and the Kubernetes {@code Status} body: {@link NotFoundException} (404),
 * {@link ConflictException} (409, stale {@code resourceVersion}), {@link AlreadyExistsException}
 * (409, name taken), {@link ForbiddenException} (403, authorization or a forbidding admission
 * plugin), {@link InvalidException} (422, validation), {@link GoneException} (410, resourceVersion
 * compacted away). A transport failure of a remote client is an {@code ApiException} with code 0
 * after the client's own retries. A failed write changed nothing.
 *
 * <p><b>Objects.</b> Objects passed in are not modified; objects returned are fresh copies the
 * caller owns (unlike objects from a {@link Lister}).
 *
 * @param <T> the fabric8 model class of the kind
 */
public interface ResourceClient<T extends HasMetadata> {

  /** The object, or empty when it does not exist (404 is not an exception here). */
  Optional<T> get(String namespace, String name);

  /**
   * One page of objects matching the options, with the list's resourceVersion (to start a watch
   * from) and a continue token when {@link ListOptions#limit()} cut the page short.
   *
   * @throws GoneException when the continue token or resourceVersion has expired; list again from
   *     the start
   */
  ObjectList<T> list(ListOptions options);

  /**
   * Creates the object. Its namespace is taken from {@code metadata.namespace} ({@code ""} or
   * absent for cluster-scoped kinds); {@code metadata.generateName} is honoured when the name is
   * empty.
   *
   * @return the stored object, with uid, resourceVersion, creationTimestamp and defaults filled in
   * @throws AlreadyExistsException when an object of that name exists
   */
  T create(T object);

  /**
   * Creates an object the caller built for this call and hands over: it must not read or change
   * the object afterwards, so a client that shares memory with the server may store the object
   * itself rather than a private copy. For write-only records such as events. The default is
   * {@link #create}.
   *
   * @throws AlreadyExistsException when an object of that name exists
   */
  default void createHandedOver(T object) {
    create(object);
  }

  /**
   * Replaces the object's spec and metadata (not its status). Optimistic concurrency: the write
   * succeeds only if {@code metadata.resourceVersion} equals the stored one. An empty
   * resourceVersion means an unconditional update, which controllers should not use.
   *
   * @throws ConflictException when the resourceVersion is stale: re-read, re-apply, retry (from a
   *     controller: return {@code Result.requeue()})
   * @throws NotFoundException when the object does not exist
   */
  T update(T object);

  /**
   * Replaces only the {@code status} of the object, through the {@code status} subresource, with
   * the same optimistic concurrency as {@link #update(HasMetadata)}. Changes to spec or metadata
   * in {@code object} are ignored.
   */
  T updateStatus(T object);

  /**
   * Applies a patch document to the current object. Patches carry no resourceVersion unless the
   * body includes one, so they do not conflict with concurrent writers of other fields.
   *
   * @param body the patch document in the syntax of {@code type}
   * @throws InvalidException when the body cannot be parsed or the result does not validate
   * @throws NotFoundException when the object does not exist
   */
  T patch(String namespace, String name, PatchType type, String body);

  /**
   * Deletes the object. With finalizers present, or with foreground propagation, deletion only
   * sets {@code metadata.deletionTimestamp} and the object stays visible until finalizers are
   * removed; watchers then see MODIFIED, and DELETED later.
   *
   * @throws NotFoundException when the object does not exist (controllers usually ignore this)
   * @throws ConflictException when a precondition in {@code options} does not hold
   */
  void delete(String namespace, String name, DeleteOptions options);

  /**
   * Creates a subresource of an object with a POST to {@code .../{name}/{subresource}}: {@code
   * binding} assigns a pod to a node (what schedulers do; body a {@code Binding}), {@code eviction}
   * deletes a pod unless a PodDisruptionBudget forbids it (body an {@code Eviction}). The default
   * says the client cannot; Capstan's in-process and HTTP clients can.
   *
   * @throws ConflictException for a binding when the pod already has a node
   * @throws NotFoundException when the object does not exist
   */
  default void createSubresource(String namespace, String name, String subresource, HasMetadata body) {
    throw new UnsupportedOperationException(getClass().getName() + " cannot create the " + subresource + " subresource");
  }

  /** Deletes with the server's default propagation for the kind and no preconditions. */
  default void delete(String namespace, String name) {
    delete(namespace, name, DeleteOptions.DEFAULTS);
  }

  /**
   * Starts a watch: the handler receives every change after {@code options.resourceVersion()}
   * (or, with an empty resourceVersion, synthetic ADDED events for the current state first).
   * Returns once the watch is established; events then arrive on the watch's own dispatch thread,
   * in resourceVersion order, one at a time.
   *
   * <p>Most code should use a {@link SharedInformer} instead, which lists, watches, relists after
   * {@link GoneException} and shares one watch among all controllers of a process.
   *
   * @throws GoneException when the resourceVersion is already compacted
   */
  Watch watch(ListOptions options, WatchHandler<T> handler);
}
