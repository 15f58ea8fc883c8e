/**
 * Helpers several controller plugins share: ControllerRevisions of workloads with a pod template
 * (DaemonSet, StatefulSet), creation/deletion expectations (ReplicaSet, ReplicationController,
 * DaemonSet, Job) and the slow-start batch of parallel writes. Not a plugin.
 */
package io.capstan.plugins.controllers.shared;
