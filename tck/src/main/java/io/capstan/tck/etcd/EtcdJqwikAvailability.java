package io.capstan.tck.etcd;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * {@link EtcdAvailability}'s rule for jqwik properties, which JUnit conditions do not reach: a
 * property class annotated {@code @AddLifecycleHook(EtcdJqwikAvailability.class)} is skipped
 * without etcd, and fails in CI (the hook throws, which jqwik reports as a failure).
 */
public final class EtcdJqwikAvailability implements SkipExecutionHook {

  @Override
  public SkipResult shouldBeSkipped(LifecycleContext context) {
    var result = EtcdAvailability.evaluate(System.getenv());
    return result.isDisabled()
        ? SkipResult.skip(result.getReason().orElse(EtcdAvailability.MISSING_MESSAGE))
        : SkipResult.doNotSkip();
  }
}
