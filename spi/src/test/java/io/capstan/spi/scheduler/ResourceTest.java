package io.capstan.spi.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceTest {

  private static final Resource NODE = new Resource(4000, 8L << 30, 100L << 30, 110,
      Map.of("nvidia.com/gpu", 4L));

  @Test
  void plusAndMinusAreFieldWiseAndInverse() {
    Resource pod = new Resource(500, 1L << 30, 0, 1, Map.of("nvidia.com/gpu", 1L, "x/y", 2L));
    Resource sum = NODE.plus(pod);
    assertThat(sum.milliCpu()).isEqualTo(4500);
    assertThat(sum.memory()).isEqualTo(9L << 30);
    assertThat(sum.allowedPodNumber()).isEqualTo(111);
    assertThat(sum.scalar("nvidia.com/gpu")).isEqualTo(5);
    assertThat(sum.scalar("x/y")).isEqualTo(2);
    assertThat(sum.minus(pod)).isEqualTo(NODE);
  }

  @Test
  void zeroScalarsVanishSoEqualAmountsAreEqual() {
    Resource withZero = new Resource(1, 1, 0, 0, Map.of("a", 0L));
    assertThat(withZero).isEqualTo(Resource.of(1, 1));
    Resource gpu = Resource.ZERO.plus(new Resource(0, 0, 0, 0, Map.of("g", 1L)));
    assertThat(gpu.minus(new Resource(0, 0, 0, 0, Map.of("g", 1L))).isZero()).isTrue();
  }

  @Test
  void minusBelowZeroIsABug() {
    assertThatThrownBy(() -> Resource.of(100, 0).minus(Resource.of(200, 0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cpu");
    assertThatThrownBy(() -> Resource.ZERO.minus(new Resource(0, 0, 0, 0, Map.of("g", 1L))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("g");
  }

  @Test
  void plusOverflowThrows() {
    assertThatThrownBy(() -> Resource.of(Long.MAX_VALUE, 0).plus(Resource.of(1, 0)))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void fromResourceListConvertsUnitsRoundingUp() {
    Resource r = Resource.fromResourceList(Map.of(
        "cpu", new Quantity("1500m"), "memory", new Quantity("1Gi"),
        "ephemeral-storage", new Quantity("1k"), "pods", new Quantity("110"),
        "nvidia.com/gpu", new Quantity("2")));
    assertThat(r).isEqualTo(new Resource(1500, 1L << 30, 1000, 110, Map.of("nvidia.com/gpu", 2L)));
    assertThat(Resource.fromResourceList(Map.of("cpu", new Quantity("0.0001"))).milliCpu())
        .isEqualTo(1);
    assertThat(Resource.fromResourceList(Map.of("cpu", new Quantity("2"))).milliCpu())
        .isEqualTo(2000);
  }

  @Test
  void scalarMapIsImmutableAndSorted() {
    Resource r = new Resource(0, 0, 0, 0, Map.of("b", 1L, "a", 2L));
    assertThat(r.scalarResources().keySet()).containsExactly("a", "b");
    assertThatThrownBy(() -> r.scalarResources().put("c", 1L))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
