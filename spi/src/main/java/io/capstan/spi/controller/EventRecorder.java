package io.capstan.spi.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Records Kubernetes Events ({@code kubectl describe} shows them) about an object, with the
 * controller's name as the source.
 *
 * <p>Fire-and-forget: never blocks, never throws for API failures. The host buffers events,
 * aggregates repeats of the same (object, type, reason, message) into one Event with a count, as
 * client-go's event correlator does, writes them in the background and drops them under pressure.
 * Safe to call from any thread, including handlers.
 */
public interface EventRecorder {

  /**
   * Records an event.
   *
   * @param regarding the object the event is about (only its kind, namespace, name, uid and
   *     resourceVersion are read)
   * @param reason a short UpperCamelCase machine-readable reason ({@code SuccessfulCreate},
   *     {@code FailedScheduling})
   * @param message a human sentence saying what happened
   */
  void event(HasMetadata regarding, EventType type, String reason, String message);

  /** {@link #event} with a {@link String#format} message. */
  default void eventf(HasMetadata regarding, EventType type, String reason, String format,
      Object... args) {
    event(regarding, type, reason, String.format(format, args));
  }
}
