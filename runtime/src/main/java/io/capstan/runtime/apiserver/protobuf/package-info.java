/**
 * Kubernetes' protobuf body format for the API server: {@link
 * io.capstan.runtime.apiserver.protobuf.KubeProtobuf} decodes {@code
 * application/vnd.kubernetes.protobuf} request bodies, which kubectl 1.32 sends for its {@code
 * create <kind>} generators and {@code auth whoami}, into the JSON the server handles, and encodes
 * JSON objects for clients that ask for protobuf responses. The messages are the generated classes
 * of {@code io.kubernetes:client-java-proto}; the converters between them and Kubernetes JSON are
 * driven by the descriptors, with a few apimachinery types ({@code Time}, {@code Quantity}, {@code
 * IntOrString}, {@code RawExtension}) and Go's zero-value rules special-cased.
 */
package io.capstan.runtime.apiserver.protobuf;
