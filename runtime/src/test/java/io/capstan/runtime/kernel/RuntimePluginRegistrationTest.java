package io.capstan.runtime.kernel;

import io.capstan.runtime.clock.VirtualClockFactory;
import io.capstan.runtime.clock.WallClockFactory;
import io.capstan.runtime.kinds.BuiltInKindsFactory;
import io.capstan.spi.api.ResourceKindFactory;
import io.capstan.spi.clock.ClockFactory;
import io.capstan.tck.plugin.AbstractPluginRegistrationTest;
import java.util.List;

/** The plugins the runtime itself ships are registered and uniquely named. */
class RuntimePluginRegistrationTest extends AbstractPluginRegistrationTest {

  @Override
  protected List<Registration> registrations() {
    return List.of(
        new Registration(ClockFactory.class, WallClockFactory.class),
        new Registration(ClockFactory.class, VirtualClockFactory.class),
        new Registration(ResourceKindFactory.class, BuiltInKindsFactory.class));
  }
}
