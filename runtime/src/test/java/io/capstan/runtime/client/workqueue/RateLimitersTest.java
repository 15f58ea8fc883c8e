package io.capstan.runtime.client.workqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.capstan.runtime.clock.DeterministicExecutor;
import io.capstan.runtime.clock.VirtualClock;
import io.capstan.runtime.clock.VirtualClockConfig;
import io.capstan.spi.controller.RateLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rate limiters against client-go's {@code default_rate_limiters_test.go} expectations. */
class RateLimitersTest {

  private final VirtualClock clock = new VirtualClock(VirtualClockConfig.DEFAULT_EPOCH);
  private final DeterministicExecutor time = new DeterministicExecutor(clock, 1L);

  private static List<Long> millis(RateLimiter<String> limiter, String key, int times) {
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      delays.add(limiter.when(key).toMillis());
    }
    return delays;
  }

  @Test
  void exponentialBackOffDoublesFromFiveMillisPerKeyAndForgetResetsIt() {
    ItemExponentialFailureRateLimiter<String> limiter = new ItemExponentialFailureRateLimiter<>();

    assertThat(millis(limiter, "a", 5)).containsExactly(5L, 10L, 20L, 40L, 80L);
    assertThat(millis(limiter, "b", 2)).as("keys back off independently").containsExactly(5L, 10L);
    assertThat(limiter.numRequeues("a")).isEqualTo(5);

    limiter.forget("a");
    assertThat(limiter.numRequeues("a")).isZero();
    assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(5));
    assertThat(limiter.numRequeues("b")).isEqualTo(2);
  }

  @Test
  void exponentialBackOffIsCappedAndNeverOverflows() {
    ItemExponentialFailureRateLimiter<String> limiter = new ItemExponentialFailureRateLimiter<>();
    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      delays.add(limiter.when("a"));
    }

    assertThat(delays.get(17)).isEqualTo(Duration.ofNanos(5_000_000L << 17)); // 655.36 s
    assertThat(delays.get(18)).isEqualTo(Duration.ofSeconds(1000));
    assertThat(delays.subList(18, delays.size())).containsOnly(Duration.ofSeconds(1000));
  }

  @Test
  void exponentialBackOffRefusesNonsense() {
    assertThatIllegalArgumentException().isThrownBy(
        () -> new ItemExponentialFailureRateLimiter<String>(Duration.ZERO, Duration.ofSeconds(1)));
    assertThatIllegalArgumentException().isThrownBy(() -> new ItemExponentialFailureRateLimiter<String>(
        Duration.ofSeconds(2), Duration.ofSeconds(1)));
  }

  @Test
  void bucketAllowsTheBurstThenSpacesCallsAtTheRateAndRefillsWithVirtualTime() {
    BucketRateLimiter<String> bucket = new BucketRateLimiter<>(clock);

    assertThat(millis(bucket, "x", 100)).containsOnly(0L);
    assertThat(millis(bucket, "y", 3)).containsExactly(100L, 200L, 300L);

    time.advance(Duration.ofMillis(300)); // repays the three borrowed tokens exactly
    assertThat(bucket.when("z")).isEqualTo(Duration.ofMillis(100));

    time.advance(Duration.ofSeconds(60)); // refills, but never beyond the burst
    assertThat(millis(bucket, "x", 100)).containsOnly(0L);
    assertThat(bucket.when("x")).isEqualTo(Duration.ofMillis(100));
    assertThat(bucket.numRequeues("x")).isZero();
  }

  @Test
  void bucketWithSmallBurstAndRate() {
    BucketRateLimiter<String> bucket = new BucketRateLimiter<>(clock, 2, 1);

    assertThat(millis(bucket, "a", 3)).containsExactly(0L, 500L, 1000L);
    time.advance(Duration.ofMillis(250));
    assertThat(bucket.when("a")).isEqualTo(Duration.ofMillis(1250));
  }

  @Test
  void maxOfAsksEveryLimiterAndAnswersTheWorst() {
    ItemExponentialFailureRateLimiter<String> fast =
        new ItemExponentialFailureRateLimiter<>(Duration.ofMillis(1), Duration.ofSeconds(1));
    ItemExponentialFailureRateLimiter<String> slow =
        new ItemExponentialFailureRateLimiter<>(Duration.ofMillis(3), Duration.ofMillis(4));
    MaxOfRateLimiter<String> max = new MaxOfRateLimiter<>(fast, slow);

    assertThat(millis(max, "a", 5)).containsExactly(3L, 4L, 4L, 8L, 16L);
    assertThat(fast.numRequeues("a")).isEqualTo(5);
    assertThat(max.numRequeues("a")).isEqualTo(5);
    max.forget("a");
    assertThat(slow.numRequeues("a")).isZero();
  }

  @Test
  void defaultControllerRateLimiterIsExponentialPerKeyUnderAnOverallBucket() {
    DefaultControllerRateLimiter<String> limiter = new DefaultControllerRateLimiter<>(clock);

    assertThat(millis(limiter, "a", 4)).containsExactly(5L, 10L, 20L, 40L);
    for (int i = 0; i < 96; i++) {
      limiter.when("other-" + i); // first failures: 5 ms each, and the bucket's last tokens
    }
    assertThat(limiter.when("fresh")).as("the bucket, not the 5 ms back-off, now decides")
        .isEqualTo(Duration.ofMillis(100));
    assertThat(limiter.numRequeues("a")).isEqualTo(4);
    limiter.forget("a");
    assertThat(limiter.numRequeues("a")).isZero();
  }
}
