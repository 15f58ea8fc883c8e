package io.capstan.runtime.scheduler.framework;

import io.capstan.spi.scheduler.NodeInfo;
import java.util.List;

/**
 * The scores of one cycle: per score plugin and feasible node the raw score and the normalized
 * score times the plugin's weight, and per node the total.
 */
public record ScoreTable(List<String> plugins, List<NodeInfo> nodes, long[][] raw, long[][] weighted, long[] totals) {}
