package io.capstan.plugins.admission.tokenfile;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.auth.Authenticator;
import io.capstan.spi.auth.AuthenticatorFactory;
import io.capstan.spi.plugin.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Registers {@link TokenFileAuthenticator} as {@code token-file}. */
public final class TokenFileAuthenticatorFactory implements AuthenticatorFactory<TokenFileConfig> {

  public static final String NAME = "token-file";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "static bearer tokens from a CSV file (kube-apiserver's --token-auth-file); none without authentication.token-file.path";
  }

  @Override
  public Class<TokenFileConfig> configType() {
    return TokenFileConfig.class;
  }

  @Override
  public Module module(TokenFileConfig config) {
    TokenFileAuthenticator authenticator = new TokenFileAuthenticator(load(config));
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(Authenticator.class).toInstance(authenticator);
      }
    };
  }

  private static Map<String, io.capstan.spi.auth.UserInfo> load(TokenFileConfig config) {
    if (config.path().isEmpty()) {
      return Map.of();
    }
    try {
      return TokenFile.read(Path.of(config.path()));
    } catch (IOException e) {
      throw new InvalidConfigException("path", "cannot read the token file: " + e.getMessage());
    }
  }
}
