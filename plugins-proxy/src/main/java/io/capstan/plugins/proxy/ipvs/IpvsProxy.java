package io.capstan.plugins.proxy.ipvs;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.proxy.ProxyState;
import io.capstan.spi.proxy.ServiceProxy;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ipvs} proxy mode. Every sync renders the node's IPVS state ({@link IpvsModel},
 * {@link IpvsRenderer}) and writes it to {@code proxy.ipvs.stateDir}; where the kernel supports
 * IPVS (probed once at start) it also applies it ({@link IpvsKernel}). Where it does not, the
 * mode says so once, clearly, at start, and keeps writing the state: a dry run.
 */
public final class IpvsProxy implements ServiceProxy {

  private static final Logger LOG = LoggerFactory.getLogger(IpvsProxy.class);

  private final IpvsProxyConfig config;
  private final Commands commands;
  private final IpvsRenderer renderer;
  private final Path stateDir;
  private volatile IpvsSupport support = new IpvsSupport(false, "not started");
  private volatile Optional<RenderedIpvsState> last = Optional.empty();
  private List<String> nodeIps = List.of();

  @Inject
  public IpvsProxy(IpvsProxyConfig config) {
    this.config = requireNonNull(config, "config");
    this.commands = new Commands(config.commandPrefix());
    this.renderer = new IpvsRenderer(config.masquerade());
    this.stateDir = Path.of(config.stateDir());
  }

  @Override
  public void start() throws Exception {
    Files.createDirectories(stateDir);
    nodeIps = config.nodeIps().isEmpty() ? localAddresses() : config.nodeIps();
    support = config.dryRun()
        ? new IpvsSupport(false, "IPVS is not applied: proxy.ipvs.dryRun is true")
        : IpvsSupport.probe(commands, !config.commandPrefix().isEmpty());
    if (support.available()) {
      LOG.info("ipvs proxy: applying virtual servers with scheduler {}; state mirrored in {}",
          config.scheduler(), stateDir);
    } else {
      LOG.warn("ipvs proxy: {}. Dry run: every sync writes the rendered state to {} and "
          + "programs nothing", support.reason(), stateDir);
    }
  }

  /** Whether the kernel is programmed, and if not, why. */
  public IpvsSupport support() {
    return support;
  }

  /** The state of the last sync, empty before the first. */
  public Optional<RenderedIpvsState> lastRendered() {
    return last;
  }

  /** The directory the state files are written to. */
  public Path stateDir() {
    return stateDir;
  }

  @Override
  public void sync(ProxyState state) throws Exception {
    requireNonNull(state, "state");
    IpvsModel model = IpvsModel.of(state, nodeIps, config.scheduler());
    RenderedIpvsState rendered = renderer.render(model);
    for (Map.Entry<String, String> file : rendered.files().entrySet()) {
      write(stateDir.resolve(file.getKey()), file.getValue());
    }
    if (support.available()) {
      new IpvsKernel(commands).apply(rendered, model);
    }
    last = Optional.of(rendered);
    LOG.debug("ipvs proxy: synced {} virtual servers (applied: {})", model.virtualServers().size(),
        support.available());
  }

  private static void write(Path target, String content) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.writeString(tmp, content);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static List<String> localAddresses() throws SocketException {
    return NetworkInterface.networkInterfaces()
        .filter(nic -> {
          try {
            return nic.isUp() && !nic.isLoopback();
          } catch (SocketException e) {
            return false;
          }
        })
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address)
        .map(a -> a.getHostAddress())
        .sorted().toList();
  }

  @Override
  public void close() {
    // kube-proxy leaves the programmed state in place on exit (connections keep flowing); nothing
    // else is held.
  }
}
