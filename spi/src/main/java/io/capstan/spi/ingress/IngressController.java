package io.capstan.spi.ingress;

import io.capstan.spi.plugin.Lifecycle;
import java.util.List;

/**
 * Routes outside HTTP(S) traffic to Services according to Ingress rules ({@code builtin}: a Java
 * HTTP proxy; {@code nginx}: renders nginx.conf and reloads nginx).
 *
 * <p><b>Which Ingresses.</b> The ingress host serves only Ingresses of this controller's class: an
 * Ingress whose {@code spec.ingressClassName} names an IngressClass with {@code spec.controller}
 * equal to {@link #controllerValue()}, plus Ingresses without a class when the IngressClass marked
 * {@code ingressclass.kubernetes.io/is-default-class: "true"} is this controller's. The deprecated
 * {@code kubernetes.io/ingress.class} annotation is honoured as a class name. The host does the
 * filtering; the plugin sees only its own Ingresses.
 *
 * <p><b>How it is driven.</b> The host watches IngressClasses, Ingresses, Services and
 * EndpointSlices, resolves each rule's backend to endpoints, and calls {@link #sync(IngressState)}
 * with the complete state, debounced like the service proxy's sync. After a sync the host writes
 * {@link #loadBalancerAddresses()} to each served Ingress's {@code status.loadBalancer}.
 *
 * <p><b>Threading and blocking.</b> {@code start}, {@code sync} and {@code close} come from one
 * host thread, never concurrently. {@code sync} may block while applying the state (a config test
 * and reload) but should be quick; the serving itself runs on the plugin's own resources.
 *
 * <p><b>Errors.</b> {@code sync} throws when the state could not be applied; the previous
 * configuration must stay in force (test a generated config before switching to it), and the host
 * logs, emits a Warning event and retries after a back-off.
 */
public interface IngressController extends Lifecycle {

  /**
   * The IngressClass {@code spec.controller} value this controller answers to, e.g.
   * {@link IngressClasses#BUILTIN_CONTROLLER}.
   */
  String controllerValue();

  /** Serves exactly {@code state} from now on. Idempotent; a full state every time. */
  void sync(IngressState state) throws Exception;

  /** The addresses (IPs or host names) clients reach this controller on; empty if none yet. */
  default List<String> loadBalancerAddresses() {
    return List.of();
  }
}
