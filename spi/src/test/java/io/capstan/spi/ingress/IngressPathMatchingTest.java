package io.capstan.spi.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The examples table of the Kubernetes Ingress documentation ("Examples" under "Path types"), row
 * by row: each row's paths form one rule, the request goes through {@link IngressState#route},
 * and the expected answer is the winning path or the default backend.
 */
class IngressPathMatchingTest {

  private static final IngressBackend DEFAULT = backend("default");

  private static IngressBackend backend(String name) {
    return new IngressBackend("ns", name, "80", List.of());
  }

  /** Paths written as {@code Type:path} separated by {@code ;}; each backend is named the same. */
  private static IngressState state(String paths) {
    List<IngressPath> list = Arrays.stream(paths.split(";")).map(spec -> {
      String[] parts = spec.split(":", 2);
      return new IngressPath(parts[1], PathType.fromKubernetes(parts[0]), backend(spec));
    }).toList();
    return new IngressState(List.of(new IngressRule("", list, "ns", "ing")), List.of(),
        Optional.of(DEFAULT));
  }

  @ParameterizedTest(name = "{0} | {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      Prefix:/                             | /              | Prefix:/
      Prefix:/                             | /anything/else | Prefix:/
      Exact:/foo                           | /foo           | Exact:/foo
      Exact:/foo                           | /bar           | default
      Exact:/foo                           | /foo/          | default
      Exact:/foo/                          | /foo           | default
      Prefix:/foo                          | /foo           | Prefix:/foo
      Prefix:/foo                          | /foo/          | Prefix:/foo
      Prefix:/foo/                         | /foo           | Prefix:/foo/
      Prefix:/foo/                         | /foo/          | Prefix:/foo/
      Prefix:/aaa/bb                       | /aaa/bbb       | default
      Prefix:/aaa/bbb                      | /aaa/bbb       | Prefix:/aaa/bbb
      Prefix:/aaa/bbb/                     | /aaa/bbb       | Prefix:/aaa/bbb/
      Prefix:/aaa/bbb                      | /aaa/bbb/      | Prefix:/aaa/bbb
      Prefix:/aaa/bbb                      | /aaa/bbb/ccc   | Prefix:/aaa/bbb
      Prefix:/aaa/bbb                      | /aaa/bbbxyz    | default
      Prefix:/;Prefix:/aaa                 | /aaa/ccc       | Prefix:/aaa
      Prefix:/;Prefix:/aaa;Prefix:/aaa/bbb | /aaa/bbb       | Prefix:/aaa/bbb
      Prefix:/;Prefix:/aaa;Prefix:/aaa/bbb | /ccc           | Prefix:/
      Prefix:/aaa                          | /ccc           | default
      Prefix:/foo;Exact:/foo               | /foo           | Exact:/foo
      Exact:/foo;Prefix:/foo               | /foo           | Exact:/foo
      """)
  void kubernetesDocumentationExamples(String paths, String request, String expected) {
    assertThat(state(paths).route("any.host", request)).map(IngressBackend::serviceName)
        .contains(expected);
  }

  @Test
  void exactBeatsPrefixWithTrailingSlashOfTheSameLength() {
    assertThat(state("Prefix:/foo/;Exact:/foo").route("h", "/foo")).map(IngressBackend::serviceName)
        .contains("Exact:/foo");
  }

  @Test
  void matchingIsCaseSensitive() {
    assertThat(new IngressPath("/Foo", PathType.PREFIX, DEFAULT).matches("/foo")).isFalse();
    assertThat(new IngressPath("/Foo", PathType.EXACT, DEFAULT).matches("/foo")).isFalse();
  }

  @Test
  void implementationSpecificBehavesAsPrefixByDefault() {
    IngressPath p = new IngressPath("/app", PathType.IMPLEMENTATION_SPECIFIC, DEFAULT);
    assertThat(p.matches("/app/x")).isTrue();
    assertThat(p.matches("/apple")).isFalse();
  }

  @Test
  void equalPathsGoToTheEarliestCandidate() {
    IngressPath older = new IngressPath("/a", PathType.PREFIX, backend("older"));
    IngressPath newer = new IngressPath("/a", PathType.PREFIX, backend("newer"));
    assertThat(IngressPath.bestMatch(List.of(older, newer), "/a/b")).contains(older);
  }

  @Test
  void pathsMustBeAbsolute() {
    assertThatThrownBy(() -> new IngressPath("foo", PathType.PREFIX, DEFAULT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PathType.fromKubernetes("prefix")).hasMessageContaining("expected Exact");
  }
}
