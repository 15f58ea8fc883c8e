package io.capstan.runtime.controllers;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.EventRecorder;

/** The {@link ControllerContext} the host passes to every reconcile of one controller. */
record HostContext(ApiClient client, InformerFactory informers, Clock clock, EventRecorder events,
    TaskExecutor executor)
    implements ControllerContext {

  HostContext {
    requireNonNull(client, "client");
    requireNonNull(informers, "informers");
    requireNonNull(clock, "clock");
    requireNonNull(events, "events");
    requireNonNull(executor, "executor");
  }
}
