package io.capstan.runtime.apiserver.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.capstan.spi.api.KubeJson;
import io.fabric8.kubernetes.api.model.Status;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes a whole response: a value as JSON (or YAML when asked), a Status, or plain text. */
final class Responses {

  private static final ObjectMapper YAML = KubeJson.configure(new ObjectMapper(new YAMLFactory()));

  private Responses() {}

  /**
   * {@code ?pretty=true} JSON as Kubernetes writes it (Go's {@code json.MarshalIndent} with two
   * spaces): {@code "name": value}, arrays one element a line, {@code {}} and {@code []} when empty.
   */
  private static final ObjectWriter PRETTY = KubeJson.mapper().writer(new DefaultPrettyPrinter(
      Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
          .withObjectEmptySeparator("").withArrayEmptySeparator(""))
      .withObjectIndenter(new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n")));

  static void json(Response response, Callback callback, int code, Object value, String accept) {
    json(response, callback, code, value, accept, false);
  }

  /** {@link #json(Response, Callback, int, Object, String)}, indented when {@code pretty} and not YAML. */
  static void json(Response response, Callback callback, int code, Object value, String accept, boolean pretty) {
    boolean yaml = MediaTypes.wantsYaml(accept);
    byte[] body;
    try {
      body = yaml ? YAML.writeValueAsBytes(value) : pretty ? PRETTY.writeValueAsBytes(value) : KubeJson.mapper().writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode response", e);
    }
    bytes(response, callback, code, yaml ? MediaTypes.YAML : MediaTypes.JSON, body);
  }

  /** A Table (or any JSON tree) with the Table media type, indented when {@code pretty}. */
  static void table(Response response, Callback callback, Object table, boolean pretty) {
    try {
      bytes(response, callback, 200, MediaTypes.TABLE, pretty ? PRETTY.writeValueAsBytes(table) : KubeJson.mapper().writeValueAsBytes(table));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode response", e);
    }
  }

  static void status(Response response, Callback callback, Status status) {
    json(response, callback, status.getCode() == null ? 500 : status.getCode(), status, null);
  }

  static void text(Response response, Callback callback, int code, String text) {
    bytes(response, callback, code, MediaTypes.TEXT + "; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  static void bytes(Response response, Callback callback, int code, String contentType, byte[] body) {
    response.setStatus(code);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
