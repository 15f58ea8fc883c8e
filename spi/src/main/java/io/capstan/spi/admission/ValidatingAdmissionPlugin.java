package io.capstan.spi.admission;

/**
 * An admission plugin that accepts or refuses the final object without changing it (quota checks,
 * policies). See {@link AdmissionPlugin} for order and threading.
 */
public interface ValidatingAdmissionPlugin extends AdmissionPlugin {

  /**
   * Returns normally to accept. Must not modify {@code request.object()} or {@code oldObject()}.
   *
   * @throws AdmissionException to refuse the request
   */
  void validate(AdmissionRequest request) throws AdmissionException;
}
