package io.capstan.plugins.archfixture.too.deep;

import io.capstan.plugins.archfixture.AbstractFixtureFactory;

/** Violates EACH_PLUGIN_IN_ITS_OWN_PACKAGE: one package level too deep. */
public final class DeepFactory extends AbstractFixtureFactory {}
