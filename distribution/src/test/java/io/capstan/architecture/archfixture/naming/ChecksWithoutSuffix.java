package io.capstan.architecture.archfixture.naming;

import org.junit.jupiter.api.Test;

/**
 * Violates TEST_CLASSES_ARE_NAMED_TO_RUN: Surefire's name filter never selects it, which is exactly
 * the mistake the rule catches.
 */
public class ChecksWithoutSuffix {

  @Test
  void neverRuns() {}
}
