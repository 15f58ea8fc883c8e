/**
 * The {@code process} container runtime: pods' containers run as real local processes, with
 * CRI-format logs under the data directory, graceful stops, and cleanup of orphans left by a crash.
 */
package io.capstan.plugins.node.process;
