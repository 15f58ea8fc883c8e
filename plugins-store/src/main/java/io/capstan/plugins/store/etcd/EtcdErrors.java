package io.capstan.plugins.store.etcd;

import io.capstan.spi.store.CompactedException;
import io.capstan.spi.store.FutureRevisionException;
import io.capstan.spi.store.IndeterminateResultException;
import io.capstan.spi.store.LeaseNotFoundException;
import io.capstan.spi.store.StoreException;
import io.capstan.spi.store.StoreUnavailableException;
import io.etcd.jetcd.common.exception.EtcdException;
import io.grpc.Status;
import java.net.ConnectException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;

/**
 * Turns what jetcd and gRPC throw into the Store SPI's exceptions. The rule that matters most:
 * a write whose request may have reached etcd (a timeout, a connection that broke mid-call, a
 * leader change) is {@link IndeterminateResultException}, never "unavailable", because etcd may
 * still apply it; only failures that prove the request was refused or never sent are {@link
 * StoreUnavailableException}.
 *
 * <p>etcd reports errors as gRPC status codes with fixed descriptions ({@code "etcdserver: mvcc:
 * required revision has been compacted"}); they are matched here, in one place.
 */
final class EtcdErrors {

  /** Codes with which etcd refuses a request before applying anything. */
  private static final Set<Status.Code> REFUSED = Set.of(Status.Code.INVALID_ARGUMENT,
      Status.Code.NOT_FOUND, Status.Code.ALREADY_EXISTS, Status.Code.FAILED_PRECONDITION,
      Status.Code.OUT_OF_RANGE, Status.Code.PERMISSION_DENIED, Status.Code.UNAUTHENTICATED,
      Status.Code.RESOURCE_EXHAUSTED, Status.Code.UNIMPLEMENTED);

  private EtcdErrors() {}

  /** What the failed call was, for the exception it becomes. */
  record Call(String what, boolean write, long revision, long leaseId) {
    static Call read(String what, long revision) {
      return new Call(what, false, revision, 0);
    }

    static Call write(String what) {
      return new Call(what, true, 0, 0);
    }

    Call withLease(long id) {
      return new Call(what, write, revision, id);
    }
  }

  /**
   * The SPI exception for {@code failure}. Compaction and future-revision errors need the current
   * watermarks, which cost a round trip each, so they come from suppliers called only then.
   */
  static RuntimeException translate(Throwable failure, Call call, LongSupplier compactRevision,
      LongSupplier currentRevision) {
    Throwable t = unwrap(failure);
    if (t instanceof io.etcd.jetcd.common.exception.CompactedException compacted) {
      return new CompactedException(call.revision(), compacted.getCompactedRevision());
    }
    if (t instanceof StoreException || t instanceof IllegalArgumentException
        || t instanceof IllegalStateException) {
      return (RuntimeException) t;
    }
    Status.Code code = code(t);
    String description = description(t);
    String says = call.what() + ": etcd says " + code + " " + description;
    switch (code) {
      case OUT_OF_RANGE:
        if (description.contains("compacted")) {
          return new CompactedException(call.revision(), compactRevision.getAsLong());
        }
        if (description.contains("future revision")) {
          return new FutureRevisionException(call.revision(), currentRevision.getAsLong());
        }
        return new IllegalArgumentException(says, t);
      case NOT_FOUND:
        if (description.contains("lease not found")) {
          return new LeaseNotFoundException(call.leaseId());
        }
        return new StoreException(says, t);
      case INVALID_ARGUMENT:
      case FAILED_PRECONDITION:
      case ALREADY_EXISTS:
        return new IllegalArgumentException(says, t);
      case RESOURCE_EXHAUSTED:
        if (description.contains("larger than max")) {
          return new IllegalArgumentException(call.what() + ": the request is larger than etcd"
              + " accepts (--max-request-bytes); " + description, t);
        }
        if (description.contains("space exceeded")) {
          return new StoreUnavailableException(call.what() + ": etcd's space quota is exhausted"
              + " (NOSPACE alarm); compact, defragment and disarm the alarm: " + description, t);
        }
        return new StoreUnavailableException(says, t);
      case PERMISSION_DENIED:
      case UNAUTHENTICATED:
        return new StoreException(says + "; check store.etcd.username, store.etcd.password and"
            + " that user's roles", t);
      default:
        break;
    }
    if (code == Status.Code.UNAVAILABLE && neverSent(t, description)) {
      return new StoreUnavailableException(says, t);
    }
    if (call.write() && !REFUSED.contains(code)) {
      return new IndeterminateResultException(says + "; the write may or may not have been"
          + " applied, read the key again before retrying", t);
    }
    // What is left for a read is transport trouble (UNKNOWN "channel closed" when a connection
    // dies mid-call, INTERNAL, CANCELLED, DEADLINE_EXCEEDED): worth a retry. Only DATA_LOSS says
    // the data itself is bad.
    return code == Status.Code.DATA_LOSS
        ? new StoreException(says, t)
        : new StoreUnavailableException(says, t);
  }

  /** No answer within the request timeout: a write may still be applied. */
  static RuntimeException timedOut(Call call, long millis) {
    String message = call.what() + ": no answer from etcd within " + millis + " ms";
    return call.write()
        ? new IndeterminateResultException(message + "; the write may or may not have been"
            + " applied", null)
        : new StoreUnavailableException(message);
  }

  /** The caller's thread was interrupted while waiting; the interrupt flag is set again. */
  static RuntimeException interrupted(Call call, InterruptedException e) {
    Thread.currentThread().interrupt();
    String message = call.what() + ": interrupted while waiting for etcd";
    return call.write()
        ? new IndeterminateResultException(message + "; the write may already be on its way", e)
        : new StoreUnavailableException(message, e);
  }

  /**
   * Whether an UNAVAILABLE failure proves the request was never applied: no connection could be
   * made (so nothing was sent), or etcd had no leader to propose it to.
   */
  private static boolean neverSent(Throwable t, String description) {
    if (description.contains("etcdserver: no leader")) {
      return true;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }

  static Status.Code code(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof EtcdException etcd) {
        return Status.Code.valueOf(etcd.getErrorCode().name());
      }
    }
    return Status.fromThrowable(t).getCode();
  }

  static String description(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof EtcdException etcd) {
        return String.valueOf(etcd.getMessage());
      }
    }
    String d = Status.fromThrowable(t).getDescription();
    return d == null ? String.valueOf(t.getMessage()) : d;
  }

  static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }
}
