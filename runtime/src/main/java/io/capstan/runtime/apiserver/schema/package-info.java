/**
 * OpenAPI v3 schemas of custom kinds (CustomResourceDefinitions and plugin kinds with a schema),
 * applied as Kubernetes' apiextensions server applies structural schemas: unknown fields are pruned,
 * defaults filled in, then the object is validated with kube-openapi's messages. Pure functions of
 * a schema and a JSON tree; no HTTP, no storage.
 */
package io.capstan.runtime.apiserver.schema;
