package io.capstan.plugins.archfixture.unregistered;

import io.capstan.plugins.archfixture.AbstractFixtureFactory;

/** Violates PLUGIN_FACTORIES_ARE_REGISTERED: no services file names it. */
public final class UnregisteredFactory extends AbstractFixtureFactory {}
