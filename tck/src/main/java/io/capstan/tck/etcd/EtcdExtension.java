package io.capstan.tck.etcd;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real etcd per test class: registered as a static field, it skips the class when etcd is
 * missing (or fails it in CI, see {@link EtcdAvailability}), starts an {@link EtcdProcess} before
 * the first test and removes it after the last.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EtcdExtension ETCD = new EtcdExtension();
 *
 * @Test
 * void something() {
 *   URI endpoint = ETCD.endpoint();
 * }
 * }</pre>
 *
 * <p>Starting etcd takes a few hundred milliseconds, so tests of a class share the server; they
 * keep apart by writing under a key prefix of their own (the etcd store's {@code keyPrefix}).
 */
public final class EtcdExtension implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

  private final List<String> extraArgs;
  private EtcdProcess etcd;

  /** With the test settings of {@link EtcdProcess}. */
  public EtcdExtension() {
    this(List.of());
  }

  /** With additional etcd flags. */
  public EtcdExtension(List<String> extraArgs) {
    this.extraArgs = List.copyOf(requireNonNull(extraArgs, "extraArgs"));
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return EtcdAvailability.evaluate(System.getenv());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (etcd == null) {
      etcd = EtcdProcess.start(extraArgs);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (etcd != null) {
      try {
        etcd.close();
      } finally {
        etcd = null;
      }
    }
  }

  /** The running server of the current test class. */
  public EtcdProcess etcd() {
    if (etcd == null) {
      throw new IllegalStateException(
          "no etcd yet: register EtcdExtension on a static field with @RegisterExtension");
    }
    return etcd;
  }

  /** Shorthand for {@code etcd().endpoint()}. */
  public URI endpoint() {
    return etcd().endpoint();
  }
}
