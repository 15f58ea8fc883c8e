package io.capstan.spi.archfixture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Violates SPI_DEPENDS_ON_NO_OTHER_MODULE: an SPI type reaching for a logging library. */
public final class SpiTypeUsingSlf4j {

  private static final Logger LOG = LoggerFactory.getLogger(SpiTypeUsingSlf4j.class);

  public void hello() {
    LOG.info("an SPI class must not log through a library outside the allow-list");
  }
}
