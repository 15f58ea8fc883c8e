package io.capstan.plugins.admission.tokenfile;

/**
 * Settings of the {@code token-file} authenticator under {@code authentication.token-file.*}.
 *
 * @param path the static token file in kube-apiserver's CSV format
 *     ({@code token,user,uid,"group1,group2"}); relative to the working folder. Empty (the
 *     default): the authenticator accepts no token
 */
public record TokenFileConfig(String path) {

  public TokenFileConfig {
    path = path == null ? "" : path.trim();
  }
}
