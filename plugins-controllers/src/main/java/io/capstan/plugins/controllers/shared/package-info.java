/**
 * Helpers several controller plugins share: ControllerRevisions of workloads with a pod template
 * (DaemonSet, StatefulSet), creation/deletion expectations (ReplicaSet, ReplicationController,
 * DaemonSet, Job), the slow-start batch of parallel writes, and the EndpointSlice write tracker
 * (EndpointSlice and EndpointSliceMirroring controllers). Not a plugin.
 */
package io.capstan.plugins.controllers.shared;
