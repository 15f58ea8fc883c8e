package io.capstan.plugins.controllers.servicelb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AddressPoolTest {

  @Test
  void anIpv4CidrLeavesOutTheNetworkAndBroadcastAddresses() {
    AddressPool pool = AddressPool.parse("192.168.200.0/28");
    assertThat(pool.size()).isEqualTo(BigInteger.valueOf(14));
    assertThat(pool.contains("192.168.200.1")).isTrue();
    assertThat(pool.contains("192.168.200.14")).isTrue();
    assertThat(pool.contains("192.168.200.0")).isFalse();
    assertThat(pool.contains("192.168.200.15")).isFalse();
    assertThat(pool.firstFree(ip -> false)).contains("192.168.200.1");
    assertThat(pool.firstFree(Set.of("192.168.200.1", "192.168.200.2")::contains))
        .contains("192.168.200.3");
  }

  @Test
  void aSmallCidrAndARangeAreUsedWhole() {
    assertThat(AddressPool.parse("10.0.0.4/31").size()).isEqualTo(BigInteger.TWO);
    AddressPool range = AddressPool.parse("192.168.200.10-192.168.200.12");
    assertThat(range.size()).isEqualTo(BigInteger.valueOf(3));
    assertThat(range.firstFree(Set.of("192.168.200.10", "192.168.200.11", "192.168.200.12")::contains))
        .isEmpty();
  }

  @Test
  void ipv6PoolsWork() {
    AddressPool pool = AddressPool.parse("fd00:200::/126");
    assertThat(pool.size()).isEqualTo(BigInteger.valueOf(4));
    assertThat(pool.contains("fd00:200::3")).isTrue();
    assertThat(pool.contains("192.168.200.1")).isFalse();
    assertThat(pool.firstFree(ip -> false)).contains("fd00:200:0:0:0:0:0:0");
  }

  @Test
  void badPoolsSayWhatIsWrong() {
    assertThatThrownBy(() -> AddressPool.parse("192.168.200.0")).hasMessageContaining("must be a CIDR");
    assertThatThrownBy(() -> AddressPool.parse("192.168.200.0/33")).hasMessageContaining("prefix length '33'");
    assertThatThrownBy(() -> AddressPool.parse("example.com/24")).hasMessageContaining("not an IP address");
    assertThatThrownBy(() -> AddressPool.parse("10.0.0.9-10.0.0.1")).hasMessageContaining("is empty");
    assertThatThrownBy(() -> AddressPool.parse("10.0.0.1-fd00::1")).hasMessageContaining("mixes IPv4 and IPv6");
    assertThatThrownBy(() -> new ServiceLbConfig(java.util.List.of("10.0.0.0/8", "nonsense"), null, null))
        .hasMessageContaining("pool 'nonsense'");
  }
}
