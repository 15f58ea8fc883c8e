/**
 * Controllers: the {@link io.capstan.spi.controller.Controller} SPI (declare watches, reconcile one
 * key at a time, return a {@link io.capstan.spi.controller.Result}) and the host-provided machinery
 * it relies on: {@link io.capstan.spi.controller.ControllerContext},
 * {@link io.capstan.spi.controller.EventRecorder}, and client-go style
 * {@link io.capstan.spi.controller.WorkQueue} and {@link io.capstan.spi.controller.RateLimiter}.
 *
 * <p>The contract in one line: handlers only enqueue keys; reconcile is level-based, idempotent,
 * serialised per key, may find the object gone, and reports failure by result or exception.
 */
package io.capstan.spi.controller;
