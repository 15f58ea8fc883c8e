package io.capstan.plugins.proxy.ipvs;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.proxy.ProxyState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files of the rendered state for representative services. The files under
 * {@code src/test/resources/ipvs/<case>/} were reviewed by hand against kube-proxy's ipvs
 * proxier; run with {@code -Dipvs.updateGolden=true} to rewrite them after a deliberate change.
 */
class IpvsGoldenTest {

  private static final IpvsRenderer RENDERER =
      new IpvsRenderer(new IpvsMasquerade(14, false, "10.244.0.0/16"));

  static Stream<Arguments> cases() {
    return IpvsCases.all().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void renderedStateMatchesTheGoldenFiles(String name, ProxyState state) throws IOException {
    RenderedIpvsState rendered = RENDERER.render(IpvsModel.of(state, IpvsCases.NODE_IPS, "rr"));
    Path dir = Path.of("src/test/resources/ipvs", name);
    for (Map.Entry<String, String> file : rendered.files().entrySet()) {
      Path golden = dir.resolve(file.getKey());
      if (Boolean.getBoolean("ipvs.updateGolden")) {
        Files.createDirectories(dir);
        Files.writeString(golden, file.getValue());
      }
      assertThat(file.getValue()).as("%s/%s", name, file.getKey())
          .isEqualTo(Files.readString(golden));
    }
  }
}
