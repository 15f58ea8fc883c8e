/**
 * Schema and name validation of the API server (step 3 of the request path, between mutating and
 * validating admission): {@link io.capstan.runtime.apiserver.validation.Validators} checks a
 * fabric8 object against Kubernetes' rules for its kind and returns
 * {@link io.capstan.runtime.apiserver.validation.FieldError}s with Kubernetes' field paths and
 * messages; {@link io.capstan.runtime.apiserver.validation.InvalidStatus} renders them as the 422
 * Status a real API server sends. Pure functions, no state, thread-safe.
 */
package io.capstan.runtime.apiserver.validation;
