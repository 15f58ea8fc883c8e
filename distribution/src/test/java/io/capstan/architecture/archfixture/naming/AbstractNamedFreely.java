package io.capstan.architecture.archfixture.naming;

import org.junit.jupiter.api.Test;

/** Satisfies TEST_CLASSES_ARE_NAMED_TO_RUN: an abstract base may be named freely. */
public abstract class AbstractNamedFreely {

  @Test
  void inheritedBySubclasses() {}
}
