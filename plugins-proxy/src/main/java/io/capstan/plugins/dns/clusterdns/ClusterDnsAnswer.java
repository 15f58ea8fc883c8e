package io.capstan.plugins.dns.clusterdns;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/**
 * The outcome of one lookup: a response code, the answer and additional records, and whether the
 * server is authoritative for the name (the cluster zone and the reverse zones; REFUSED names are
 * not).
 *
 * @param rcode {@link Rcode#NOERROR} (with answers, or none: NODATA), {@link Rcode#NXDOMAIN} or
 *     {@link Rcode#REFUSED}
 * @param authority the SOA to put in the authority section of a negative answer, if any
 */
record ClusterDnsAnswer(int rcode, List<Record> answers, List<Record> additional, List<Record> authority,
    boolean authoritative) {

  ClusterDnsAnswer {
    answers = List.copyOf(requireNonNull(answers, "answers"));
    additional = List.copyOf(requireNonNull(additional, "additional"));
    authority = List.copyOf(requireNonNull(authority, "authority"));
  }

  static ClusterDnsAnswer of(List<Record> answers, List<Record> additional) {
    return new ClusterDnsAnswer(Rcode.NOERROR, answers, additional, List.of(), true);
  }

  /** The name exists but has no record of the asked type. */
  static ClusterDnsAnswer noData(Record soa) {
    return new ClusterDnsAnswer(Rcode.NOERROR, List.of(), List.of(), List.of(soa), true);
  }

  static ClusterDnsAnswer nxDomain(Record soa) {
    return new ClusterDnsAnswer(Rcode.NXDOMAIN, List.of(), List.of(), List.of(soa), true);
  }

  /** Not a name this server answers for (it forwards nowhere). */
  static ClusterDnsAnswer refused() {
    return new ClusterDnsAnswer(Rcode.REFUSED, List.of(), List.of(), List.of(), false);
  }
}
