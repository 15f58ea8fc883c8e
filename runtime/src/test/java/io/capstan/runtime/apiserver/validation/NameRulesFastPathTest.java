package io.capstan.runtime.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The regex-free checks {@link NameRules} tries first accept exactly what Kubernetes' patterns (and
 * length limits) accept: for random strings over the characters that matter (both cases, digits,
 * '-', '_', '.', '/'), and long ones, each rule reports no error exactly when the pattern matches.
 */
class NameRulesFastPathTest {

  @Provide
  Arbitrary<String> names() {
    Arbitrary<String> shortOnes = Arbitraries.strings().withChars("aZ09-_./").ofMaxLength(12);
    Arbitrary<String> longOnes = Arbitraries.strings().withChars("ab9-.").ofMinLength(55).ofMaxLength(260);
    return Arbitraries.oneOf(shortOnes, longOnes);
  }

  @Property(tries = 3000)
  void dns1123LabelAgreesWithItsPattern(@ForAll("names") String value) {
    assertThat(NameRules.dns1123Label(value).isEmpty())
        .isEqualTo(value.length() <= 63 && Pattern.matches(NameRules.DNS1123_LABEL_FMT, value));
  }

  @Property(tries = 3000)
  void dns1123SubdomainAgreesWithItsPattern(@ForAll("names") String value) {
    assertThat(NameRules.dns1123Subdomain(value).isEmpty())
        .isEqualTo(value.length() <= 253 && Pattern.matches(NameRules.DNS1123_SUBDOMAIN_FMT, value));
  }

  @Property(tries = 3000)
  void qualifiedNameAgreesWithItsPattern(@ForAll("names") String value) {
    String[] parts = value.split("/", -1);
    boolean valid = parts.length == 1 ? part(parts[0])
        : parts.length == 2 && !parts[0].isEmpty() && parts[0].length() <= 253
            && Pattern.matches(NameRules.DNS1123_SUBDOMAIN_FMT, parts[0]) && part(parts[1]);
    assertThat(NameRules.qualifiedName(value).isEmpty()).isEqualTo(valid);
  }

  @Property(tries = 3000)
  void labelValueAgreesWithItsPattern(@ForAll("names") String value) {
    assertThat(NameRules.labelValue(value).isEmpty())
        .isEqualTo(value.length() <= 63 && Pattern.matches(NameRules.LABEL_VALUE_FMT, value));
  }

  private static boolean part(String name) {
    return !name.isEmpty() && name.length() <= 63 && Pattern.matches(NameRules.QUALIFIED_NAME_FMT, name);
  }
}
