/**
 * The {@code DefaultValues} admission plugin: Kubernetes' {@code SetDefaults_*} functions for
 * built-in kinds, applied to fabric8 objects before validation.
 */
package io.capstan.plugins.admission.defaultvalues;
