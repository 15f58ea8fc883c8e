package io.capstan.spi.plugin;

/** The configuration of a plugin that has no settings: any key under its prefix is an error. */
public record NoConfig() {

  public static final NoConfig INSTANCE = new NoConfig();
}
