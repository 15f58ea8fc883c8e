package io.capstan.plugins.archfixture.good;

import io.capstan.plugins.archfixture.AbstractFixtureFactory;

/**
 * Satisfies every plugin rule: public, in io.capstan.plugins.archfixture.good, and listed in the
 * test resource META-INF/services/io.capstan.plugins.archfixture.FixtureFactory.
 */
public final class GoodFactory extends AbstractFixtureFactory {}
