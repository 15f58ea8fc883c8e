package io.capstan.spi.admission;

/**
 * A step of admission, step 3 of the request path. A plugin implements
 * {@link MutatingAdmissionPlugin}, {@link ValidatingAdmissionPlugin}, or both.
 *
 * <p><b>Order.</b> {@code apiserver.admission} lists the enabled plugins. For each write the API
 * server runs, in that order, every mutating plugin that {@link #handles} the operation; then
 * schema and name validation; then, in the same order, every validating plugin. The first
 * {@link AdmissionException} ends admission: the request fails with its Status and nothing is
 * stored. Validating plugins see the object after all mutations.
 *
 * <p><b>Threading and blocking.</b> Called concurrently on request threads; implementations are
 * thread-safe. Must be fast: read cluster state (namespaces, quotas, limit ranges) from informer
 * listers. A plugin that must write (quota usage) does so through the client, bounded by its own
 * timeout, and skips it when {@code dryRun}.
 *
 * <p><b>Errors.</b> Refuse with {@link AdmissionException}. Any other exception is a plugin bug:
 * the server logs it and answers 500 Internal Error, storing nothing.
 */
public interface AdmissionPlugin {

  /** The plugin's name, as Kubernetes names it ({@code NamespaceLifecycle}); equal to its factory's. */
  String name();

  /** Whether the plugin wants this operation; the server skips it otherwise. Default: all. */
  default boolean handles(AdmissionOperation operation) {
    return true;
  }
}
