/**
 * The API server's OpenAPI v3 documents ({@link io.capstan.runtime.apiserver.openapi.OpenApiV3}):
 * the {@code /openapi/v3} index and one document per group version, with Kubernetes' paths and
 * operations for every kind and schemas generated from the model classes (or taken from a plugin
 * kind), so that {@code kubectl create/apply --validate=strict} and {@code kubectl explain} work.
 * Pure functions of the {@code KindRegistry}; no HTTP.
 */
package io.capstan.runtime.apiserver.openapi;
