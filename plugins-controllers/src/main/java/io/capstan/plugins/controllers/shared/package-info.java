/**
 * Helpers several controller plugins share: ControllerRevisions of workloads with a pod template
 * (DaemonSet, StatefulSet) and creation/deletion expectations (DaemonSet, Job). Not a plugin.
 */
package io.capstan.plugins.controllers.shared;
