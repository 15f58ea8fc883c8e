package io.capstan.plugins.archfixture;

/** Violates EACH_PLUGIN_IN_ITS_OWN_PACKAGE: at the area level, not in a package of its own. */
public final class ShallowFactory extends AbstractFixtureFactory {}
