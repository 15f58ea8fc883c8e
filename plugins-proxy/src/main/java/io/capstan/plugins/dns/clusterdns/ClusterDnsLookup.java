package io.capstan.plugins.dns.clusterdns;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.dns.DnsEndpoint;
import io.capstan.spi.dns.DnsPort;
import io.capstan.spi.dns.DnsService;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Answers one question from the {@link ClusterDnsIndex}, following the Kubernetes DNS
 * specification and CoreDNS's {@code kubernetes} plugin (see the module README for the table):
 * only the Service named in the question is looked at, never all of them.
 */
final class ClusterDnsLookup {

  /** The schema version {@code dns-version.<zone>} publishes. */
  static final String SCHEMA_VERSION = "1.1.0";

  private static final Name IN_ADDR = Name.fromConstantString("in-addr.arpa.");
  private static final Name IP6 = Name.fromConstantString("ip6.arpa.");

  private final ClusterDnsIndex index;
  private final Name zone;
  private final long ttl;
  private final SOARecord soa;

  ClusterDnsLookup(ClusterDnsIndex index, String zone, long ttlSeconds) {
    this.index = requireNonNull(index, "index");
    this.zone = absolute(zone);
    this.ttl = ttlSeconds;
    this.soa = soa(this.zone);
  }

  ClusterDnsAnswer lookup(Name question, int type) {
    if (question.subdomain(zone)) {
      return inZone(question, type, labels(question.relativize(zone)));
    }
    if (question.subdomain(IN_ADDR) || question.subdomain(IP6)) {
      return reverse(question, type);
    }
    return ClusterDnsAnswer.refused();
  }

  /** Whether the name is in a reverse zone ({@code in-addr.arpa}, {@code ip6.arpa}). */
  boolean isReverse(Name question) {
    return question.subdomain(IN_ADDR) || question.subdomain(IP6);
  }

  private ClusterDnsAnswer inZone(Name q, int type, List<String> labels) {
    int n = labels.size();
    if (n == 0) {
      return switch (type) {
        case Type.SOA -> ClusterDnsAnswer.of(List.of(soa(q)), List.of());
        case Type.NS -> ClusterDnsAnswer.of(List.of(new NSRecord(q, DClass.IN, ttl, soa.getHost())), List.of());
        default -> ClusterDnsAnswer.noData(soa);
      };
    }
    if (n == 1 && labels.get(0).equals("dns-version")) {
      return type == Type.TXT || type == Type.ANY
          ? ClusterDnsAnswer.of(List.of(new TXTRecord(q, DClass.IN, ttl, SCHEMA_VERSION)), List.of())
          : ClusterDnsAnswer.noData(soa);
    }
    String kind = labels.get(n - 1);
    if (kind.equals("pod")) {
      return pod(q, type, labels);
    }
    if (!kind.equals("svc")) {
      return ClusterDnsAnswer.nxDomain(soa);
    }
    return switch (n) {
      case 1 -> ClusterDnsAnswer.noData(soa);
      case 2 -> index.hasNamespace(labels.get(0)) ? ClusterDnsAnswer.noData(soa) : ClusterDnsAnswer.nxDomain(soa);
      case 3 -> service(q, type, labels.get(0), labels.get(1));
      case 4 -> endpoint(q, type, labels.get(0), labels.get(1), labels.get(2));
      case 5 -> srv(q, type, labels.get(0), labels.get(1), labels.get(2), labels.get(3));
      default -> ClusterDnsAnswer.nxDomain(soa);
    };
  }

  /** {@code <svc>.<ns>.svc.<zone>}: cluster IPs, ready endpoints of a headless Service, or a CNAME. */
  private ClusterDnsAnswer service(Name q, int type, String name, String namespace) {
    Optional<ClusterDnsIndex.Entry> found = index.service(name, namespace);
    if (found.isEmpty()) {
      return ClusterDnsAnswer.nxDomain(soa);
    }
    DnsService service = found.get().service();
    Name owner = serviceName(service);
    switch (service.type()) {
      case EXTERNAL_NAME:
        return ClusterDnsAnswer.of(List.of(new CNAMERecord(q, DClass.IN, ttl, absolute(service.externalName()))), List.of());
      case CLUSTER_IP:
        if (type == Type.SRV) {
          List<Record> srv = new ArrayList<>();
          int weight = 100 / Math.max(1, service.ports().size());
          service.ports().forEach(p -> srv.add(new SRVRecord(q, DClass.IN, ttl, 0, weight, p.port(), owner)));
          return answer(srv, addresses(owner, service.clusterIps()));
        }
        return answer(addressesFor(q, type, service.clusterIps()), List.of());
      case HEADLESS:
        if (service.endpoints().isEmpty()) {
          return ClusterDnsAnswer.nxDomain(soa);
        }
        if (type == Type.SRV) {
          return headlessSrv(q, service, p -> true);
        }
        Set<String> ips = new LinkedHashSet<>();
        service.endpoints().forEach(e -> ips.add(e.ip()));
        return answer(addressesFor(q, type, List.copyOf(ips)), List.of());
      default:
        throw new IllegalStateException("unexpected " + service.type());
    }
  }

  /** {@code <hostname or dashed ip>.<svc>.<ns>.svc.<zone>}: one endpoint of a headless Service. */
  private ClusterDnsAnswer endpoint(Name q, int type, String label, String name, String namespace) {
    Optional<List<DnsEndpoint>> endpoints = index.service(name, namespace)
        .map(e -> e.byLabel().get(label));
    if (endpoints.isEmpty()) {
      return ClusterDnsAnswer.nxDomain(soa);
    }
    return answer(addressesFor(q, type, endpoints.get().stream().map(DnsEndpoint::ip).distinct().toList()), List.of());
  }

  /** {@code _<port>._<proto>.<svc>.<ns>.svc.<zone>}: SRV for a named port. */
  private ClusterDnsAnswer srv(Name q, int type, String portLabel, String protoLabel, String name, String namespace) {
    Optional<ClusterDnsIndex.Entry> found = index.service(name, namespace);
    if (found.isEmpty() || !portLabel.startsWith("_") || !protoLabel.startsWith("_")
        || found.get().service().type() == DnsService.Type.EXTERNAL_NAME) {
      return ClusterDnsAnswer.nxDomain(soa);
    }
    String port = portLabel.substring(1);
    String protocol = protoLabel.substring(1).toUpperCase(Locale.ROOT);
    DnsService service = found.get().service();
    java.util.function.Predicate<DnsPort> matches =
        p -> !p.name().isEmpty() && p.name().equalsIgnoreCase(port) && p.protocol().equals(protocol);
    if (service.type() == DnsService.Type.HEADLESS) {
      ClusterDnsAnswer all = headlessSrv(q, service, matches);
      if (all.answers().isEmpty()) {
        return ClusterDnsAnswer.nxDomain(soa);
      }
      return type == Type.SRV || type == Type.ANY ? all : ClusterDnsAnswer.noData(soa);
    }
    List<DnsPort> ports = service.ports().stream().filter(matches).toList();
    if (ports.isEmpty()) {
      return ClusterDnsAnswer.nxDomain(soa);
    }
    if (type != Type.SRV && type != Type.ANY) {
      return ClusterDnsAnswer.noData(soa);
    }
    Name owner = serviceName(service);
    List<Record> srv = new ArrayList<>();
    ports.forEach(p -> srv.add(new SRVRecord(q, DClass.IN, ttl, 0, 100 / ports.size(), p.port(), owner)));
    return answer(srv, addresses(owner, service.clusterIps()));
  }

  private ClusterDnsAnswer headlessSrv(Name q, DnsService service, java.util.function.Predicate<DnsPort> matches) {
    record Target(DnsEndpoint endpoint, DnsPort port) {}
    List<Target> targets = new ArrayList<>();
    for (DnsEndpoint endpoint : service.endpoints()) {
      endpoint.ports().stream().filter(matches).forEach(p -> targets.add(new Target(endpoint, p)));
    }
    List<Record> srv = new ArrayList<>();
    List<Record> extra = new ArrayList<>();
    Name owner = serviceName(service);
    for (Target t : targets) {
      Name target = child(t.endpoint().label(), owner);
      srv.add(new SRVRecord(q, DClass.IN, ttl, 0, 100 / targets.size(), t.port().port(), target));
      extra.addAll(addresses(target, List.of(t.endpoint().ip())));
    }
    return answer(srv, extra);
  }

  /** {@code a-b-c-d.<ns>.pod.<zone>}: the deprecated pod A record ({@code pods insecure}). */
  private ClusterDnsAnswer pod(Name q, int type, List<String> labels) {
    if (labels.size() == 1) {
      return ClusterDnsAnswer.noData(soa);
    }
    if (labels.size() != 3) {
      return ClusterDnsAnswer.nxDomain(soa);
    }
    String dashed = labels.get(0);
    Optional<InetAddress> ip = dashed.contains(".") ? Optional.empty() : ClusterDnsIndex.literal(dashed.replace('-', '.'));
    if (ip.isEmpty() || !(ip.get() instanceof Inet4Address)) {
      return ClusterDnsAnswer.nxDomain(soa);
    }
    return answer(addressesFor(q, type, List.of(ip.get().getHostAddress())), List.of());
  }

  private ClusterDnsAnswer reverse(Name q, int type) {
    Set<String> owners = index.reverse(q);
    Name arpa = q.subdomain(IN_ADDR) ? IN_ADDR : IP6;
    SOARecord arpaSoa = soa(arpa);
    if (owners.isEmpty()) {
      return ClusterDnsAnswer.nxDomain(arpaSoa);
    }
    if (type != Type.PTR && type != Type.ANY) {
      return ClusterDnsAnswer.noData(arpaSoa);
    }
    List<Record> ptr = new ArrayList<>();
    owners.stream().sorted().forEach(o -> ptr.add(new PTRRecord(q, DClass.IN, ttl, child(o, zone))));
    return ClusterDnsAnswer.of(ptr, List.of());
  }

  private ClusterDnsAnswer answer(List<Record> answers, List<Record> additional) {
    return answers.isEmpty() ? ClusterDnsAnswer.noData(soa) : ClusterDnsAnswer.of(answers, additional);
  }

  /** A and AAAA records of {@code ips} that fit the asked type (both for ANY). */
  private List<Record> addressesFor(Name owner, int type, List<String> ips) {
    List<Record> out = new ArrayList<>();
    for (String ip : ips) {
      Optional<InetAddress> address = ClusterDnsIndex.literal(ip);
      if (address.isEmpty()) {
        continue;
      }
      boolean v4 = address.get() instanceof Inet4Address;
      if (v4 && (type == Type.A || type == Type.ANY)) {
        out.add(new ARecord(owner, DClass.IN, ttl, address.get()));
      } else if (!v4 && (type == Type.AAAA || type == Type.ANY)) {
        out.add(new AAAARecord(owner, DClass.IN, ttl, address.get()));
      }
    }
    return out;
  }

  private List<Record> addresses(Name owner, List<String> ips) {
    return addressesFor(owner, Type.ANY, ips);
  }

  private Name serviceName(DnsService service) {
    return child(service.name() + "." + service.namespace() + ".svc", zone);
  }

  private static Name child(String relative, Name origin) {
    try {
      return Name.fromString(relative.toLowerCase(Locale.ROOT), origin);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a DNS name: " + relative + "." + origin, e);
    }
  }

  static Name absolute(String name) {
    try {
      return Name.fromString(name.endsWith(".") ? name : name + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a DNS name: " + name, e);
    }
  }

  /** The labels of a relative name, lower case, first label first. */
  private static List<String> labels(Name relative) {
    List<String> out = new ArrayList<>(relative.labels());
    for (int i = 0; i < relative.labels(); i++) {
      out.add(relative.getLabelString(i).toLowerCase(Locale.ROOT));
    }
    return out;
  }

  private SOARecord soa(Name owner) {
    return new SOARecord(owner, DClass.IN, ttl, child("ns.dns", zone), child("hostmaster", zone),
        1, 7200, 1800, 86400, ttl);
  }
}
