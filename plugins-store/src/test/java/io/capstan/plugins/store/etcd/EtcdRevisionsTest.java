package io.capstan.plugins.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.store.Compare;
import io.capstan.spi.store.Compare.Operator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The offset between Capstan's and etcd's revisions, and why compares survive it. */
class EtcdRevisionsTest {

  @Test
  void anEmptyClusterIsCapstansRevisionZero() {
    assertThat(EtcdRevisions.fromEtcd(1)).isZero();
    assertThat(EtcdRevisions.fromEtcd(2)).isEqualTo(1);
    assertThat(EtcdRevisions.fromEtcd(0)).as("etcd's 'none'").isZero();
    assertThat(EtcdRevisions.toEtcd(0)).as("latest / from now").isZero();
    assertThat(EtcdRevisions.toEtcd(1)).isEqualTo(2);
  }

  /**
   * A key absent in both worlds compares as 0; a present one has revision v in Capstan and v + 1 in
   * etcd. For every operand and operator, the shifted compare etcd evaluates must agree with the
   * one Capstan asked for.
   */
  @Property
  void revisionComparesMeanTheSameInEtcd(
      @ForAll @LongRange(min = 0, max = 50) long capstanRevision,
      @ForAll @LongRange(min = -3, max = 60) long operand,
      @ForAll Operator operator) {
    long etcdRevision = capstanRevision == 0 ? 0 : capstanRevision + 1; // 0 = absent key
    assertThat(holds(operator, etcdRevision, EtcdRevisions.compareOperand(operand)))
        .as("%d %s %d", capstanRevision, operator, operand)
        .isEqualTo(holds(operator, capstanRevision, operand));
  }

  private static boolean holds(Compare.Operator operator, long actual, long operand) {
    int c = Long.compare(actual, operand);
    return switch (operator) {
      case EQUAL -> c == 0;
      case NOT_EQUAL -> c != 0;
      case GREATER -> c > 0;
      case LESS -> c < 0;
    };
  }
}
