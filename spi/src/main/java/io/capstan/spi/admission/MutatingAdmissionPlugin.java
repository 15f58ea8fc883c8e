package io.capstan.spi.admission;

/**
 * An admission plugin that may change the object before it is stored (defaults, injected
 * tolerations, service account tokens). See {@link AdmissionPlugin} for order and threading.
 */
public interface MutatingAdmissionPlugin extends AdmissionPlugin {

  /**
   * Changes {@code request.object()} in place, or leaves it alone. The object is the request's
   * private copy, so in-place changes are safe and are what later plugins and the store see. Must
   * be idempotent: the server may call it again after another plugin changed the object. Must not
   * change {@code oldObject}, the name or the namespace.
   *
   * @throws AdmissionException to refuse the request
   */
  void admit(AdmissionRequest request) throws AdmissionException;
}
