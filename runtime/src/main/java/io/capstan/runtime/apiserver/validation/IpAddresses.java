package io.capstan.runtime.apiserver.validation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IP address literals as Go's {@code net.ParseIP} accepts them, without ever resolving a host name
 * ({@code InetAddress.getByName} would look up anything that is not a literal). Stateless.
 */
final class IpAddresses {

  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

  private IpAddresses() {}

  /** True for an IPv4 dotted quad or an IPv6 literal. */
  static boolean isIp(String value) {
    return isIpv4(value) || isIpv6(value);
  }

  static boolean isIpv4(String value) {
    return IPV4.matcher(value).matches();
  }

  static boolean isIpv6(String value) {
    if (!value.contains(":") || !IPV6_CHARS.matcher(value).matches()) {
      return false;
    }
    try {
      // only literals reach here (hex digits, colons and dots), so nothing is resolved
      return InetAddress.getByName(value) != null;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
