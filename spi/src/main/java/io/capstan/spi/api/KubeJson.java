package io.capstan.spi.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The Jackson settings for Kubernetes' JSON shape, shared by the API server, clients, stores and
 * tests so that every part writes the same bytes for the same object.
 *
 * <p>fabric8's model classes carry their own annotations (property order, {@code NON_NULL} or
 * {@code NON_EMPTY} per field, string serializers for {@code Quantity} and {@code IntOrString}, and
 * an any-setter that keeps unknown fields in {@code additionalProperties}); these settings only
 * fill the gaps: nulls are left out, as Go's {@code omitempty} does; map keys (labels, annotations,
 * data) are written sorted, as Go's {@code encoding/json} does, which also makes output
 * deterministic; timestamps, which fabric8 models as strings, stay RFC 3339 strings; unknown
 * properties are not an error here because fabric8 objects keep them rather than drop them.
 *
 * <p>An {@link ObjectMapper} is thread-safe once configured; share the instance.
 */
public final class KubeJson {

  private static final ObjectMapper SHARED = configure(new ObjectMapper());

  private KubeJson() {}

  /** A shared mapper with the Kubernetes settings. Do not reconfigure it; call {@link #newMapper()}. */
  public static ObjectMapper mapper() {
    return SHARED;
  }

  /** A new mapper with the Kubernetes settings, for callers that need to add modules. */
  public static ObjectMapper newMapper() {
    return configure(new ObjectMapper());
  }

  /**
   * Applies the Kubernetes settings to {@code mapper} (a JSON or YAML mapper) and returns it, so a
   * YAML reader can share them: {@code KubeJson.configure(new YAMLMapper())}.
   */
  public static <M extends ObjectMapper> M configure(M mapper) {
    requireNonNull(mapper, "mapper");
    mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
    mapper.configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
    mapper.configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);
    mapper.configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    mapper.registerModule(new SimpleModule("capstan-kube-json").addSerializer(Double.class, new GoFloatSerializer())
        .addSerializer(ZonedDateTime.class, new MicroTimeSerializer())
        .addDeserializer(ZonedDateTime.class, new MicroTimeDeserializer()));
    return mapper;
  }

  /**
   * Writes the {@code ZonedDateTime} fields fabric8 uses for Kubernetes' {@code MicroTime} (a
   * Lease's renewTime, an Event's eventTime) as Kubernetes does: RFC 3339 in UTC with microseconds.
   */
  private static final class MicroTimeSerializer extends StdSerializer<ZonedDateTime> {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter MICRO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    MicroTimeSerializer() {
      super(ZonedDateTime.class);
    }

    @Override
    public void serialize(ZonedDateTime value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(MICRO.format(value.withZoneSameInstant(ZoneOffset.UTC)));
    }
  }

  /** Reads RFC 3339 times with any fraction and offset into {@code ZonedDateTime}. */
  private static final class MicroTimeDeserializer extends StdDeserializer<ZonedDateTime> {
    private static final long serialVersionUID = 1L;

    MicroTimeDeserializer() {
      super(ZonedDateTime.class);
    }

    @Override
    public ZonedDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = p.getValueAsString();
      try {
        return ZonedDateTime.parse(text);
      } catch (DateTimeParseException e) {
        return (ZonedDateTime) ctxt.handleWeirdStringValue(ZonedDateTime.class, text, "not an RFC 3339 time");
      }
    }
  }

  /**
   * Writes a whole-number double without a fraction ({@code 0}, not {@code 0.0}), as Go's
   * {@code encoding/json} writes a float64, so that fields fabric8 models as {@code Double} (a CRD
   * schema's {@code minimum}) keep the text Kubernetes writes.
   */
  private static final class GoFloatSerializer extends StdSerializer<Double> {
    private static final long serialVersionUID = 1L;

    GoFloatSerializer() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      double d = value;
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        gen.writeNumber((long) d);
      } else {
        gen.writeNumber(d);
      }
    }
  }
}
