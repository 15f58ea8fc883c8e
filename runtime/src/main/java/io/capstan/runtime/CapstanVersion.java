package io.capstan.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version stamped into {@code capstan-version.properties} by the build. */
public final class CapstanVersion implements IVersionProvider {

  public static String version() {
    Properties p = new Properties();
    try (InputStream in = CapstanVersion.class.getResourceAsStream("/capstan-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // fall through to "unknown": the version is informative only
    }
    return p.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    return new String[] {"capstan " + version(), "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
  }
}
