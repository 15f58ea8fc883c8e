/**
 * Service address allocation, as kube-apiserver's service registry does it: ClusterIPs from the
 * service CIDR (the {@code kubernetes} Service gets the first), NodePorts from the node-port range,
 * requested values honoured or refused with Kubernetes' messages, released when the Service goes,
 * and repaired from the stored Services at start. Every allocation is a key claimed in the store
 * with put-if-absent, so two Services never get the same address or port, whatever the
 * concurrency and however many API servers share the store.
 */
package io.capstan.runtime.apiserver.services;
