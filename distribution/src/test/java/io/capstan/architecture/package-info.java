/**
 * Capstan's architecture, as executable rules (ArchUnit), run by the normal {@code mvn test}.
 *
 * <ul>
 *   <li>{@link io.capstan.architecture.LayerRules}: {@code spi} depends only on its allow-list (JDK,
 *       fabric8 kubernetes-model, Jackson, jakarta.inject, Guice); plugins never import {@code
 *       runtime} (nor the TCK in main code); {@code runtime} never imports a plugin.
 *   <li>{@link io.capstan.architecture.CycleRules}: no dependency cycle between any two packages
 *       under {@code io.capstan}, sub-packages included.
 *   <li>{@link io.capstan.architecture.PluginRules}: every concrete plugin factory is public and
 *       listed in {@code META-INF/services/<its factory interface>}; plugin factories live in
 *       exactly {@code io.capstan.plugins.<area>.<plugin>}.
 *   <li>{@link io.capstan.architecture.TestNamingRules}: concrete test classes end in {@code Test},
 *       {@code IT}, {@code Tests} or {@code Properties}, the names Surefire and Failsafe run.
 * </ul>
 *
 * <p>{@code ArchitectureTest} checks the rules against the main classes of every module (this
 * module depends on all of them). Rules about plugins use {@code allowEmptyShould(true)} because
 * the plugin modules start empty. {@code RulesCatchViolationsTest} proves every rule fails on a
 * deliberate violation and passes on a good example; those fixtures live in {@code ..archfixture..}
 * packages of the test sources, so the real check never sees them.
 *
 * <p>To add a rule: a {@code public static final ArchRule UPPER_SNAKE} constant in the matching
 * {@code *Rules} class, ending in {@code .as("NAME: what must hold").because("why, and how to
 * fix it")}; a call in {@code ArchitectureTest}; a failing and a passing fixture in {@code
 * RulesCatchViolationsTest}.
 */
package io.capstan.architecture;
