package io.capstan.plugins.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.plugins.store.etcd.EtcdErrors.Call;
import io.capstan.spi.store.CompactedException;
import io.capstan.spi.store.FutureRevisionException;
import io.capstan.spi.store.IndeterminateResultException;
import io.capstan.spi.store.LeaseNotFoundException;
import io.capstan.spi.store.StoreException;
import io.capstan.spi.store.StoreUnavailableException;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdExceptionFactory;
import io.grpc.Status;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The mapping from what jetcd and gRPC throw to the Store SPI's exceptions, case by case. */
class EtcdErrorsTest {

  private static final Call READ = Call.read("read", 7);
  private static final Call WRITE = Call.write("write").withLease(42);

  private static RuntimeException map(Throwable t, Call call) {
    return EtcdErrors.translate(new CompletionException(t), call, () -> 5, () -> 9);
  }

  private static Throwable status(Status.Code code, String description) {
    return Status.fromCode(code).withDescription(description).asRuntimeException();
  }

  @Test
  void revisionsOutOfRangeBecomeTypedErrorsWithTheWatermarks() {
    RuntimeException compacted = map(status(Status.Code.OUT_OF_RANGE,
        "etcdserver: mvcc: required revision has been compacted"), READ);
    assertThat(compacted).isInstanceOf(CompactedException.class);
    assertThat(((CompactedException) compacted).compactRevision()).isEqualTo(5);
    RuntimeException future = map(status(Status.Code.OUT_OF_RANGE,
        "etcdserver: mvcc: required revision is a future revision"), READ);
    assertThat(future).isInstanceOf(FutureRevisionException.class);
    assertThat(((FutureRevisionException) future).currentRevision()).isEqualTo(9);
  }

  @Test
  void refusalsAreLeaseNotFoundOrIllegalArguments() {
    RuntimeException lease = map(EtcdExceptionFactory.newEtcdException(ErrorCode.NOT_FOUND,
        "etcdserver: requested lease not found"), WRITE);
    assertThat(lease).isInstanceOf(LeaseNotFoundException.class);
    assertThat(((LeaseNotFoundException) lease).leaseId()).isEqualTo(42);
    assertThat(map(status(Status.Code.INVALID_ARGUMENT, "etcdserver: request is too large"),
        WRITE)).isInstanceOf(IllegalArgumentException.class);
    assertThat(map(status(Status.Code.FAILED_PRECONDITION, "etcdserver: lease already exists"),
        WRITE)).isInstanceOf(IllegalArgumentException.class);
    assertThat(map(status(Status.Code.RESOURCE_EXHAUSTED,
        "grpc: received message larger than max (8388618 vs. 3145728)"), WRITE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(map(status(Status.Code.RESOURCE_EXHAUSTED,
        "etcdserver: mvcc: database space exceeded"), WRITE))
        .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("NOSPACE");
    assertThat(map(status(Status.Code.PERMISSION_DENIED, "etcdserver: permission denied"), READ))
        .isExactlyInstanceOf(StoreException.class).hasMessageContaining("store.etcd.username");
  }

  @Test
  void aWriteThatMayHaveBeenSentIsIndeterminateAReadIsUnavailable() {
    for (Throwable t : new Throwable[] {status(Status.Code.UNAVAILABLE, "io exception"),
        status(Status.Code.UNKNOWN, "channel closed"),
        status(Status.Code.DEADLINE_EXCEEDED, "deadline exceeded"),
        status(Status.Code.UNAVAILABLE, "etcdserver: leader changed")}) {
      assertThat(map(t, WRITE)).as("write, %s", t).isInstanceOf(IndeterminateResultException.class);
      assertThat(map(t, READ)).as("read, %s", t).isInstanceOf(StoreUnavailableException.class);
    }
  }

  @Test
  void aWriteThatNeverLeftIsUnavailable() {
    Throwable refused = Status.UNAVAILABLE.withDescription("io exception")
        .withCause(new ConnectException("Connection refused")).asRuntimeException();
    assertThat(map(refused, WRITE)).isInstanceOf(StoreUnavailableException.class);
    assertThat(map(status(Status.Code.UNAVAILABLE, "etcdserver: no leader"), WRITE))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void timeoutsAndInterruptsFollowTheSameRule() {
    assertThat(EtcdErrors.timedOut(WRITE, 100)).isInstanceOf(IndeterminateResultException.class);
    assertThat(EtcdErrors.timedOut(READ, 100)).isInstanceOf(StoreUnavailableException.class);
    try {
      assertThat(EtcdErrors.interrupted(WRITE, new InterruptedException()))
          .isInstanceOf(IndeterminateResultException.class);
      assertThat(Thread.interrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
