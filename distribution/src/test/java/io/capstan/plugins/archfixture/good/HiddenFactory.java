package io.capstan.plugins.archfixture.good;

import io.capstan.plugins.archfixture.AbstractFixtureFactory;

/**
 * Violates PLUGIN_FACTORIES_ARE_REGISTERED although it is listed: ServiceLoader cannot instantiate
 * a class that is not public.
 */
final class HiddenFactory extends AbstractFixtureFactory {}
