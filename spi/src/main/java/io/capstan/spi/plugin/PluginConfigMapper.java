package io.capstan.spi.plugin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.time.Duration;
import java.time.Instant;

/**
 * The one Jackson configuration every plugin config record is bound with, by the kernel and by the
 * conformance kit alike, so a record that binds in a plugin's tests binds the same way in a running
 * control plane: unknown keys are errors, a single value is accepted where a list is expected, and
 * durations are read as Kubernetes writes them ({@code 500ms}, {@code 10s}, {@code 1m30s}) or in
 * ISO-8601.
 */
public final class PluginConfigMapper {

  private PluginConfigMapper() {}

  /** A new mapper; cheap enough to create per use, thread-safe once created. */
  public static ObjectMapper create() {
    SimpleModule units = new SimpleModule("capstan-config-units");
    units.addDeserializer(Duration.class, new DurationDeserializer());
    units.addSerializer(Duration.class, new com.fasterxml.jackson.databind.ser.std.ToStringSerializerBase(Duration.class) {
      private static final long serialVersionUID = 1L;

      @Override
      public String valueToString(Object value) {
        return DurationDeserializer.format((Duration) value);
      }
    });
    // Instants as ISO-8601 text (2025-01-01T00:00:00Z), without pulling the JSR-310 module into the SPI.
    units.addDeserializer(Instant.class, new com.fasterxml.jackson.databind.deser.std.FromStringDeserializer<Instant>(Instant.class) {
      private static final long serialVersionUID = 1L;

      @Override
      protected Instant _deserialize(String value, com.fasterxml.jackson.databind.DeserializationContext ctxt) {
        return Instant.parse(value.trim());
      }
    });
    units.addSerializer(Instant.class, new com.fasterxml.jackson.databind.ser.std.ToStringSerializerBase(Instant.class) {
      private static final long serialVersionUID = 1L;

      @Override
      public String valueToString(Object value) {
        return value.toString();
      }
    });
    return JsonMapper.builder()
        .addModule(units)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        .build();
  }
}
