package io.capstan.spi.archfixture;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.capstan.spi.clock.Clock;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.inject.Inject;
import java.time.Instant;

/** Satisfies SPI_DEPENDS_ON_NO_OTHER_MODULE: JDK, SPI, fabric8, Jackson and jakarta.inject only. */
public final class WellBehavedSpiType {

  @JsonProperty("clock")
  private final Clock clock;

  @Inject
  public WellBehavedSpiType(Clock clock) {
    this.clock = clock;
  }

  public Instant stamp(Pod pod) {
    return pod == null ? clock.now() : Instant.EPOCH;
  }
}
