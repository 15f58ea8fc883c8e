/**
 * Helpers shared by the default scheduler plugins, as Kubernetes' {@code plugins/helper} and
 * {@code component-helpers}: toleration matching, node selector matching, score normalization and
 * small pod accessors. Not a plugin (no factory), so it may be used by every plugin package.
 */
package io.capstan.plugins.scheduler.helper;
