package io.capstan.runtime.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The good and bad values of Kubernetes' own tables in
 * k8s.io/apimachinery/pkg/util/validation/validation_test.go (TestIsDNS1123Label,
 * TestIsDNS1123Subdomain, TestIsDNS1035Label, TestIsValidPortName, TestIsQualifiedName,
 * TestIsValidLabelValue, TestIsValidPercent, TestIsConfigMapKey, TestIsWildcardDNS1123Subdomain,
 * TestIsRelaxedEnvVarName), plus the exact messages a 1.32 server prints.
 */
class NameRulesTest {

  private static final String A63 = "a".repeat(63);

  record Rule(String name, Function<String, List<String>> check, List<String> good, List<String> bad) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Rule> rules() {
    return Stream.of(
        new Rule("IsDNS1123Label", NameRules::dns1123Label,
            List.of("a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0", "01", "012", "1a", "1-a", "1--a--b--2", A63),
            List.of("", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_", "_a", "a_b", "1_",
                "_1", "1_2", ".", "a.", ".a", "a.b", "1.", ".1", "1.2", " ", "a ", " a", "a b", "1 ", " 1", "1 2",
                "a".repeat(64))),
        new Rule("IsDNS1123Subdomain", NameRules::dns1123Subdomain,
            List.of("a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0", "01", "012", "1a", "1-a", "1--a--b--2", "a.a",
                "ab.a", "abc.a", "a1.a", "a-1.a", "a--1--2--b.a", "a.1", "ab.1", "0.a", "1-a.a", "0.1", "1--a--b--2.1",
                "a.b.c.d.e", "aa.bb.cc.dd.ee", "1.2.3.4.5", "11.22.33.44.55", "a".repeat(253)),
            List.of("", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_", "_a", "a_b", ".",
                "a.", ".a", "a..b", "1.", ".1", "1..2", " ", "a ", " a", "a b", "A.a", "aB.a", "ab.A", "A.B.C.D.E",
                "a.B.c.d.e", "a@b", "a,b", "a;b", "a:b", "a%b", "a?b", "a$b", "a".repeat(254))),
        new Rule("IsDNS1035Label", NameRules::dns1035Label,
            List.of("a", "ab", "abc", "a1", "a-1", "a--1--2--b", A63),
            List.of("0", "01", "012", "1a", "1-a", "1--a--b--2", "", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-",
                "-a", "1-", "-1", "_", "a_", "_a", "a_b", ".", "a.", ".a", "a.b", " ", "a ", " a", "a b",
                "a".repeat(64))),
        new Rule("IsValidPortName", NameRules::portName,
            List.of("telnet", "re-mail-ck", "pop3", "a", "a-1", "1-a", "a-1-b-2-c", "1-a-2-b-3"),
            List.of("longerthan15characters", "", "a".repeat(16), "12345", "1-2-3-4", "-begin", "end-", "two--hyphens",
                "whois++")),
        new Rule("IsQualifiedName", NameRules::qualifiedName,
            List.of("simple", "now-with-dashes", "1-starts-with-num", "1234", "simple/simple", "now-with-dashes/simple",
                "now.with.dots/simple", "1-num.2-num/3-num", "1234/5678", "1.2.3.4/5678", "Uppercase_Is_OK_123",
                "example.com/Uppercase_Is_OK_123", "requests.storage-foo", A63, "a".repeat(253) + "/" + "b".repeat(63)),
            List.of("nospecialchars%^=@", "cantendwithadash-", "-cantstartwithadash-", "only/one/slash",
                "Example.com/abc", "example_com/abc", "example.com/", "/simple", "a".repeat(64),
                "a".repeat(254) + "/abc")),
        new Rule("IsValidLabelValue", NameRules::labelValue,
            List.of("simple", "now-with-dashes", "1-starts-with-num", "end-with-num-1", "1234", A63, ""),
            List.of("nospecialchars%^=@", "Tama-nui-te-rā.is.Māori.sun", "\\backslashes\\are\\bad", "-starts-with-dash",
                "ends-with-dash-", ".starts.with.dot", "ends.with.dot.", "a".repeat(64))),
        new Rule("IsValidPercent", NameRules::percent,
            List.of("0%", "00000%", "1%", "01%", "99%", "100%", "101%"),
            List.of("", "0", "100", "0.0%", "99.9%", "hundred", " 1%", "1% ", "-0%", "-1%", "+1%")),
        new Rule("IsConfigMapKey", NameRules::configMapKey,
            List.of("a", "good", "good-good", "still.good", "this.is.also.good", ".so.is.this", "THIS_IS_GOOD",
                "so_is_this_17"),
            List.of(".", "..", "..bad", "b*d", "bad!&bad")),
        new Rule("IsWildcardDNS1123Subdomain", NameRules::wildcardDns1123Subdomain,
            List.of("*.example.com", "*.bar.com", "*.foo.bar.com"),
            List.of("*.*.bar.com", "*.foo.*.com", "*bar.com", "f*.bar.com", "*")),
        new Rule("IsRelaxedEnvVarName", NameRules::envVarName,
            List.of("-", ":", "_", "+a", ">a", "<a", "a.", "a..", "*a", "%a", "?a", "a:a", "a_a", "aAz", "~a", "|a", "a0a",
                "a9", "/a", "a ", "#a", "0a", "0 a", "'a", "(a", "@a"),
            List.of("", "=", "a=", "1=a", "a=b", "#%=&&", "\u0001abc", "\u0082abc", "Ç ç", "Ä ä", "Ñ ñ", "Ø ø")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void goodValuesPassAndBadValuesFail(Rule rule) {
    for (String good : rule.good()) {
      assertThat(rule.check().apply(good)).as("%s(%s)", rule.name(), good).isEmpty();
    }
    for (String bad : rule.bad()) {
      assertThat(rule.check().apply(bad)).as("%s(%s)", rule.name(), bad).isNotEmpty();
    }
  }

  static Stream<Arguments> messages() {
    return Stream.of(
        Arguments.of(NameRules.dns1123Label("My_Name"), List.of("a lowercase RFC 1123 label must consist of lower case"
            + " alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name', "
            + " or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")),
        Arguments.of(NameRules.dns1123Label("a.b"), List.of("must not contain dots")),
        Arguments.of(NameRules.dns1123Subdomain("Web"), List.of("a lowercase RFC 1123 subdomain must consist of lower"
            + " case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g."
            + " 'example.com', regex used for validation is"
            + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")),
        Arguments.of(NameRules.dns1035Label("1abc"), List.of("a DNS-1035 label must consist of lower case alphanumeric"
            + " characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g."
            + " 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')")),
        Arguments.of(NameRules.qualifiedName("example.com/"), List.of("name part must be non-empty",
            "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
                + " alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is"
                + " '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")),
        Arguments.of(NameRules.labelValue("-x"), List.of("a valid label must be an empty string or consist of"
            + " alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g."
            + " 'MyValue',  or 'my_value',  or '12345', regex used for validation is"
            + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")),
        Arguments.of(NameRules.portNumber(0), List.of("must be between 1 and 65535, inclusive")),
        Arguments.of(NameRules.portName("12345"), List.of("must contain at least one letter (a-z)")),
        Arguments.of(NameRules.pathSegmentName("..", false), List.of("may not be '..'")),
        Arguments.of(NameRules.pathSegmentName("a/b%", false), List.of("may not contain '/'", "may not contain '%'")));
  }

  @ParameterizedTest
  @MethodSource("messages")
  void messagesAreKubernetesOwn(List<String> actual, List<String> expected) {
    assertThat(actual).containsExactlyElementsOf(expected);
  }

  @Test
  void generateNamePrefixMayEndWithADash() {
    // apimachinery generic.go: maskTrailingDash replaces the last two characters with "a"
    assertThat(NameRule.DNS_SUBDOMAIN.check("web-", true)).isEmpty();
    assertThat(NameRule.DNS_SUBDOMAIN.check("web-", false)).isNotEmpty();
    assertThat(NameRule.DNS1035_LABEL.check("svc-", true)).isEmpty();
    assertThat(NameRule.PATH_SEGMENT.check("..", true)).isEmpty();
  }

  @Test
  void ipAddressesAreLiteralsOnly() {
    assertThat(NameRules.ip("10.9.8.7")).isEmpty();
    assertThat(NameRules.ip("2001:db8::ffff")).isEmpty();
    assertThat(NameRules.ip("localhost")).containsExactly("must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
    assertThat(NameRules.ip("300.1.1.1")).isNotEmpty();
  }
}
