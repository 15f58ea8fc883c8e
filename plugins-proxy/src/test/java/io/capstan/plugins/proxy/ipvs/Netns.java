package io.capstan.plugins.proxy.ipvs;

import java.util.List;
import java.util.UUID;

/**
 * A network namespace a test creates and deletes, so kernel state it programs never touches the
 * machine's own. Available only as root with {@code ip} installed.
 */
final class Netns implements AutoCloseable {

  final String name = "capstan-ipvs-" + UUID.randomUUID().toString().substring(0, 8);
  private final Commands host = new Commands(List.of());

  /** Why namespaces cannot be made here, or {@code ""} when they can. */
  static String unavailableReason() throws InterruptedException {
    Commands.Outcome id = new Commands(List.of()).run(List.of("id", "-u"), "");
    if (!id.ok() || !id.stdout().strip().equals("0")) {
      return "not root: network namespaces need CAP_SYS_ADMIN";
    }
    return new Commands(List.of()).run(List.of("ip", "netns", "list"), "").ok()
        ? "" : "the ip tool (iproute2) is missing";
  }

  Netns() throws Exception {
    host.require(List.of("ip", "netns", "add", name), "");
  }

  /** Tool runs inside the namespace. */
  Commands commands() {
    return new Commands(prefix());
  }

  List<String> prefix() {
    return List.of("ip", "netns", "exec", name);
  }

  @Override
  public void close() throws Exception {
    host.require(List.of("ip", "netns", "del", name), "");
  }
}
