package io.capstan.plugins.scheduler.noderesourcesfit;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.plugins.scheduler.helper.NormalizeScores;
import io.capstan.plugins.scheduler.noderesourcesfit.NodeResourcesFitArgs.RequestedToCapacityRatioParam;
import io.capstan.plugins.scheduler.noderesourcesfit.NodeResourcesFitArgs.ScoringStrategy;
import io.capstan.plugins.scheduler.noderesourcesfit.NodeResourcesFitArgs.UtilizationShapePoint;
import io.capstan.spi.scheduler.NodeScore;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Whatever the requests and capacities, the strategies and normalizers stay within [0, 100]. */
class ResourceScoringProperties {

  @Property
  void everyStrategyScoresWithinZeroToHundred(@ForAll @LongRange(min = 0, max = 1L << 40) long cpuReq,
      @ForAll @LongRange(min = 0, max = 1L << 40) long cpuCap,
      @ForAll @LongRange(min = 0, max = 1L << 40) long memReq,
      @ForAll @LongRange(min = 0, max = 1L << 40) long memCap,
      @ForAll @IntRange(min = 0, max = 10) int lowScore, @ForAll @IntRange(min = 0, max = 10) int highScore) {
    long[] req = {cpuReq, memReq};
    long[] cap = {cpuCap, memCap};
    for (String type : List.of("LeastAllocated", "MostAllocated", "RequestedToCapacityRatio")) {
      var shape = new RequestedToCapacityRatioParam(List.of(new UtilizationShapePoint(0, lowScore),
          new UtilizationShapePoint(100, highScore)));
      long s = new ResourceScorer(new ScoringStrategy(type, null, shape)).score(req, cap);
      assertThat(s).as(type).isBetween(0L, 100L);
    }
  }

  @Property
  void leastAndMostAllocatedAreComplementsWithinCapacity(
      @ForAll @LongRange(min = 1, max = 1L << 40) long cap, @ForAll @LongRange(min = 0, max = 100) long pct) {
    long req = cap / 100 * pct;
    // (cap-req)*100/cap + req*100/cap is 100 or 99 (two truncations)
    long sum = ResourceScorer.leastRequested(req, cap) + ResourceScorer.mostRequested(req, cap);
    assertThat(sum).isBetween(99L, 100L);
  }

  @Property
  void defaultNormalizeKeepsNonNegativeScoresInRange(
      @ForAll @Size(min = 1, max = 20) List<@LongRange(min = 0, max = 1_000_000) Long> raw,
      @ForAll boolean reverse) {
    List<NodeScore> scores = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      scores.add(new NodeScore("n" + i, raw.get(i)));
    }
    NormalizeScores.defaultNormalize(reverse, scores);
    assertThat(scores).allMatch(NodeScore::isInBounds);
    long max = raw.stream().mapToLong(Long::longValue).max().orElseThrow();
    int top = raw.indexOf(max);
    assertThat(scores.get(top).score()).isEqualTo(reverse ? (max == 0 ? 100 : 0) : (max == 0 ? 0 : 100));
  }
}
