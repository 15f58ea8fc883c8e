package io.capstan.runtime.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** Sets the log level from {@code --debug}: Capstan at DEBUG, everything else at INFO. */
final class Logging {

  private Logging() {}

  static void configure(boolean debug) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      Logger capstan = context.getLogger("io.capstan");
      capstan.setLevel(debug ? Level.DEBUG : Level.INFO);
    }
  }
}
