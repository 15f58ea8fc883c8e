package io.capstan.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.platform.commons.annotation.Testable;

/** Test classes are named so that Surefire and Failsafe actually run them. */
public final class TestNamingRules {

  private TestNamingRules() {}

  /**
   * A top-level class with a test method, declared or inherited (so a concrete subclass of a TCK
   * base counts): any method meta-annotated with JUnit's {@link Testable}, which covers {@code
   * @Test}, {@code @ParameterizedTest}, {@code @TestFactory}, jqwik's {@code @Property} and {@code
   * @Example}. Fixtures and helpers declare none, so they are
   * free to be named anything.
   */
  static final DescribedPredicate<JavaClass> DECLARE_TEST_METHODS =
      DescribedPredicate.describe("declare test methods",
          type -> type.isTopLevelClass() && type.getAllMethods().stream()
              .anyMatch(method -> method.isMetaAnnotatedWith(Testable.class)));

  /** The Surefire includes of the root POM, plus Failsafe's {@code IT}. */
  public static final ArchRule TEST_CLASSES_ARE_NAMED_TO_RUN =
      classes()
          .that(DECLARE_TEST_METHODS)
          .and().doNotHaveModifier(JavaModifier.ABSTRACT)
          .should().haveSimpleNameEndingWith("Test")
          .orShould().haveSimpleNameEndingWith("Tests")
          .orShould().haveSimpleNameEndingWith("IT")
          .orShould().haveSimpleNameEndingWith("Properties")
          .allowEmptyShould(true)
          .as("TEST_CLASSES_ARE_NAMED_TO_RUN: concrete test classes end with Test (unit), IT "
              + "(integration), Tests or Properties (jqwik); abstract bases may be named freely")
          .because("Surefire and Failsafe select classes by name: a test named otherwise compiles "
              + "and never runs; rename it <Class>Test or <Class>IT");
}
