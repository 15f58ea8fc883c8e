/**
 * Admission, step 3 of the request path: ordered {@link io.capstan.spi.admission.MutatingAdmissionPlugin}s,
 * then schema validation, then {@link io.capstan.spi.admission.ValidatingAdmissionPlugin}s; the first
 * {@link io.capstan.spi.admission.AdmissionException} rejects the write with a Kubernetes Status
 * (403, 422 or 400) and nothing is stored.
 */
package io.capstan.spi.admission;
