package io.capstan.architecture.archfixture.naming;

/** Violates TEST_CLASSES_ARE_NAMED_TO_RUN through inherited test methods only. */
public class ExtendsBaseWithoutSuffix extends AbstractNamedFreely {}
