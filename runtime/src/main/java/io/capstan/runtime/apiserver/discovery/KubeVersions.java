package io.capstan.runtime.apiserver.discovery;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes' order of API versions, most preferred first: GA before beta before alpha, then the
 * higher major, then the higher minor ({@code v2, v1, v1beta2, v1beta1, v1alpha1}); versions that
 * are not of the {@code v<major>[alpha|beta<minor>]} form come after, in ascending text order.
 * This is {@code CompareKubeAwareVersionStrings} from k8s.io/apimachinery/pkg/version/helpers.go,
 * which decides the preferred version of a group in discovery. Stateless.
 */
public final class KubeVersions {

  private static final Pattern KUBE_VERSION = Pattern.compile("^v(\\d+)(?:(alpha|beta)(\\d+))?$");

  /** Most preferred version first. */
  public static final Comparator<String> PREFERRED_FIRST = (a, b) -> -compare(a, b);

  private KubeVersions() {}

  /**
   * Positive when {@code a} is preferred over {@code b}, negative when {@code b} is, zero when equal.
   */
  public static int compare(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    long[] pa = parse(a);
    long[] pb = parse(b);
    if (pa == null && pb == null) {
      return b.compareTo(a);
    }
    if (pa == null) {
      return -1;
    }
    if (pb == null) {
      return 1;
    }
    for (int i = 0; i < 3; i++) {
      if (pa[i] != pb[i]) {
        return Long.compare(pa[i], pb[i]);
      }
    }
    return 0;
  }

  /** {type (alpha 0, beta 1, GA 2), major, minor}, or null when not a Kubernetes version. */
  private static long[] parse(String v) {
    Matcher m = KUBE_VERSION.matcher(v);
    if (!m.matches()) {
      return null;
    }
    try {
      long major = Long.parseLong(m.group(1));
      if (m.group(2) == null) {
        return new long[] {2, major, 0};
      }
      return new long[] {m.group(2).equals("beta") ? 1 : 0, major, Long.parseLong(m.group(3))};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
