/**
 * CustomResourceDefinitions: turning a CRD into served kinds while the server runs (discovery,
 * REST, watch, schema validation, status and scale subresources), and removing its objects when
 * the CRD is deleted — what Kubernetes' apiextensions server and its controllers do.
 */
package io.capstan.runtime.apiserver.crd;
