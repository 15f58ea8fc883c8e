/**
 * The {@code simulated} container runtime: containers without processes whose behaviour (start-up
 * latency, run time, exit code, failures, probe results, log lines) comes from
 * {@code sim.capstan.io/*} pod annotations, timed on the injected clock.
 */
package io.capstan.plugins.node.simulated;
