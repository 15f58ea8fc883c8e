package io.capstan.spi.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

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
    // Blackbird reads and writes bean properties through generated lambdas instead of reflection:
    // fabric8's models are deep trees of small beans, and reflective calls were the largest single
    // cost of (de)serializing them on the API server's request path.
    mapper.registerModule(new com.fasterxml.jackson.module.blackbird.BlackbirdModule());
    mapper.registerModule(new SimpleModule("capstan-kube-json").addSerializer(Double.class, new GoFloatSerializer())
        .addSerializer(java.time.ZonedDateTime.class, new MicroTimeSerializer())
        .addDeserializer(java.time.ZonedDateTime.class, new MicroTimeDeserializer()));
    return mapper;
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

  /**
   * Writes {@code metav1.MicroTime} fields, which fabric8 models as {@link java.time.ZonedDateTime}
   * (a Lease's {@code renewTime}, an events.k8s.io Event's {@code eventTime}), as Kubernetes does:
   * UTC with six fraction digits ({@code 2026-01-01T00:00:00.000000Z}).
   */
  private static final class MicroTimeSerializer extends StdSerializer<java.time.ZonedDateTime> {
    private static final long serialVersionUID = 1L;
    private static final java.time.format.DateTimeFormatter FORMAT =
        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    MicroTimeSerializer() {
      super(java.time.ZonedDateTime.class);
    }

    @Override
    public void serialize(java.time.ZonedDateTime value, com.fasterxml.jackson.core.JsonGenerator gen,
        com.fasterxml.jackson.databind.SerializerProvider provider) throws java.io.IOException {
      gen.writeString(FORMAT.format(value.withZoneSameInstant(java.time.ZoneOffset.UTC)));
    }
  }

  /** Reads RFC 3339 times (with or without a fraction or offset) into a {@link java.time.ZonedDateTime}. */
  private static final class MicroTimeDeserializer
      extends com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer<java.time.ZonedDateTime> {
    private static final long serialVersionUID = 1L;

    MicroTimeDeserializer() {
      super(java.time.ZonedDateTime.class);
    }

    @Override
    public java.time.ZonedDateTime deserialize(com.fasterxml.jackson.core.JsonParser p,
        com.fasterxml.jackson.databind.DeserializationContext ctxt) throws java.io.IOException {
      String text = p.getValueAsString();
      if (text == null || text.isBlank()) {
        return null;
      }
      try {
        return java.time.ZonedDateTime.parse(text.trim(), java.time.format.DateTimeFormatter.ISO_DATE_TIME);
      } catch (java.time.format.DateTimeParseException e) {
        return (java.time.ZonedDateTime) ctxt.handleWeirdStringValue(java.time.ZonedDateTime.class, text,
            "not an RFC 3339 time: " + e.getMessage());
      }
    }
  }
}
