package io.capstan.runtime.testplugins;

/** A made-up SPI for kernel tests: small enough to see every wiring rule at work. */
public interface Greeter {
  String greet(String who);
}
