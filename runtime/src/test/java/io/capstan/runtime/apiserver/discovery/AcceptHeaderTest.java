package io.capstan.runtime.apiserver.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AcceptHeaderTest {

  @Test
  void parsesClausesParametersAndQuality() {
    List<MediaRange> ranges =
        AcceptHeader.parse(" application/json ; as=Table ;v=v1; g=meta.k8s.io ;q=0.5, text/plain");
    assertThat(ranges).containsExactly(new MediaRange("text", "plain", Map.of(), 1.0),
        new MediaRange("application", "json", Map.of("as", "Table", "v", "v1", "g", "meta.k8s.io"), 0.5));
    assertThat(ranges.get(1).param("as")).isEqualTo("Table");
    assertThat(ranges.get(1).param("missing")).isNull();
  }

  @Test
  void dropsMalformedClausesAndParametersLikeGoautoneg() {
    assertThat(AcceptHeader.parse("json, a/b/c, ,text/html;novalue;x=1,*;q=nope"))
        .containsExactly(new MediaRange("text", "html", Map.of("x", "1"), 1.0), new MediaRange("*", "*", Map.of(), 0));
  }

  @Test
  void concreteTypesComeBeforeWildcardsAtEqualQuality() {
    assertThat(AcceptHeader.parse("*/*, application/*, application/json, text/plain"))
        .extracting(m -> m.type() + "/" + m.subType())
        .containsExactly("application/json", "text/plain", "application/*", "*/*");
    assertThat(new MediaRange("application", "*", Map.of(), 1).accepts("application", "json")).isTrue();
    assertThat(new MediaRange("text", "*", Map.of(), 1).accepts("application", "json")).isFalse();
    assertThat(new MediaRange("*", "json", Map.of(), 1).accepts("application", "json")).isFalse();
  }
}
