package io.capstan.runtime.apiserver.patch;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Who writes, through which API version and subresource, and when: what a
 * {@code metadata.managedFields} entry records about a write.
 *
 * @param manager the field manager ({@code fieldManager} query parameter, or
 *     {@link #managerOrUserAgent(String, String)}); may be empty for updates, never for apply
 * @param apiVersion the request's API version ({@code apps/v1})
 * @param subresource {@code ""} for the main resource, else {@code status}, {@code scale}, ...
 * @param now the request time, injected: nothing here reads a clock
 */
public record FieldManagerContext(String manager, String apiVersion, String subresource, Instant now) {

  public FieldManagerContext {
    requireNonNull(manager, "manager");
    requireNonNull(apiVersion, "apiVersion");
    requireNonNull(subresource, "subresource");
    requireNonNull(now, "now");
  }

  /** A write to the main resource. */
  public static FieldManagerContext of(String manager, String apiVersion, Instant now) {
    return new FieldManagerContext(manager, apiVersion, "", now);
  }

  /** The same writer at another time. */
  public FieldManagerContext withTime(Instant time) {
    return new FieldManagerContext(manager, apiVersion, subresource, time);
  }

  /**
   * The manager Kubernetes records for a request: {@code fieldManager} when given, else the part
   * of the User-Agent before the first {@code /} ({@code kubectl/v1.32.4 (linux/amd64)} gives
   * {@code kubectl}), unprintable characters dropped ({@code managerOrUserAgent} in
   * {@code apiserver/pkg/endpoints/handlers/rest.go}).
   */
  public static String managerOrUserAgent(String manager, String userAgent) {
    if (manager != null && !manager.isEmpty()) {
      return manager;
    }
    if (userAgent == null) {
      return "";
    }
    int slash = userAgent.indexOf('/');
    String prefix = slash < 0 ? userAgent : userAgent.substring(0, slash);
    StringBuilder b = new StringBuilder();
    prefix.codePoints().filter(c -> !Character.isISOControl(c)).forEach(b::appendCodePoint);
    return b.toString();
  }

  /** {@link #now()} as a {@code metav1.Time}: RFC 3339, whole seconds, UTC. */
  String timestamp() {
    return DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
  }
}
