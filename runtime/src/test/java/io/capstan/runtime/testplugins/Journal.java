package io.capstan.runtime.testplugins;

import java.util.List;

/** A second made-up SPI that greeters depend on, to check start and stop order. */
public interface Journal {
  void record(String event);

  List<String> events();
}
