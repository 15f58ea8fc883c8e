package io.capstan.runtime.scheduler.framework;

import java.util.List;

/**
 * One node's scores by the active Score plugins before normalization: the raw score, the plugin's
 * weight and whether the plugin normalizes over all nodes (then a changed raw score cannot be turned
 * into a total without the other nodes, and a batch starts over).
 */
public record NodeRawScores(List<String> plugins, long[] raw, long[] weights, boolean[] normalizes) {}
