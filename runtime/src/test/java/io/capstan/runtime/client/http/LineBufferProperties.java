package io.capstan.runtime.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class LineBufferProperties {

  /** However a stream of lines is cut into chunks, the buffer hands back exactly those lines, in order. */
  @Property(tries = 300)
  void everyLineComesBackWholeWhateverTheChunks(
      @ForAll @Size(max = 20) List<@StringLength(max = 20_000) String> words,
      @ForAll @IntRange(min = 1, max = 9_000) int chunk) {
    List<String> lines = words.stream().map(w -> w.replace('\n', ' ')).toList();
    byte[] stream = String.join("", lines.stream().map(l -> l + "\n").toList()).getBytes(StandardCharsets.UTF_8);
    LineBuffer buffer = new LineBuffer();
    List<String> out = new ArrayList<>();
    for (int from = 0; from < stream.length; from += chunk) {
      buffer.append(ByteBuffer.wrap(stream, from, Math.min(chunk, stream.length - from)));
      for (byte[] line = buffer.next(); line != null; line = buffer.next()) {
        out.add(new String(line, StandardCharsets.UTF_8));
      }
    }
    assertThat(out).containsExactlyElementsOf(lines);
    assertThat(buffer.remaining()).isEmpty();
  }

  @Property(tries = 50)
  void aPartialLineStaysUntilItsNewlineArrives(@ForAll @StringLength(min = 1, max = 30_000) String text) {
    String line = text.replace('\n', ' ');
    LineBuffer buffer = new LineBuffer();
    buffer.append(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
    assertThat(buffer.next()).isNull();
    assertThat(new String(buffer.remaining(), StandardCharsets.UTF_8)).isEqualTo(line);
    buffer.append(ByteBuffer.wrap(new byte[] {'\n'}));
    assertThat(new String(buffer.next(), StandardCharsets.UTF_8)).isEqualTo(line);
  }
}
