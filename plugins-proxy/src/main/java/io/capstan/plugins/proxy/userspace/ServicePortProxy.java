package io.capstan.plugins.proxy.userspace;

import io.capstan.spi.proxy.EndpointInfo;
import io.capstan.spi.proxy.ServiceInfo;
import io.capstan.spi.proxy.ServicePortName;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * One proxied service port on the loop thread, whatever its protocol: a TCP listener
 * ({@link ServicePortListener}) or a UDP relay ({@link UdpServicePort}). All methods run on the
 * proxy's loop thread.
 */
interface ServicePortProxy {

  ServicePortName name();

  /** {@code TCP} or {@code UDP}. */
  String protocol();

  /** The local address clients use for this service port. */
  InetSocketAddress address();

  /** Replaces the service and its usable endpoints. */
  void update(ServiceInfo info, List<EndpointInfo> usable);

  /** Open relayed connections (TCP) or live sessions (UDP). */
  int openConnections();

  /** Called about every 100 ms: deadlines, idle sessions, affinity pins. */
  void tick();

  /** Stops serving the port. */
  void close();
}
