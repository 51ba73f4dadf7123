package io.github.kvchart.aibrix.core.netpol;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An ipBlock peer: a CIDR minus its excepts, for IPv4 and IPv6 literals (never a DNS look-up). */
final class IpBlock {
  private IpBlock() {}

  /**
   * Whether the block admits {@code ip}. A pod's IP is unknown in a manifest, so then only a block
   * that covers every address (/0, no except) is certain to admit it.
   */
  static boolean admits(JsonNode block, String ip) {
    String cidr = block.path("cidr").asText("");
    if (ip == null) {
      return cidr.endsWith("/0") && block.path("except").isEmpty();
    }
    if (!contains(cidr, ip)) {
      return false;
    }
    for (JsonNode except : block.path("except")) {
      if (contains(except.asText(""), ip)) {
        return false;
      }
    }
    return true;
  }

  static boolean contains(String cidr, String ip) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      return false;
    }
    byte[] network = literal(cidr.substring(0, slash));
    byte[] address = literal(ip);
    if (network == null || address == null || network.length != address.length) {
      return false;
    }
    int bits;
    try {
      bits = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      return false;
    }
    int total = network.length * 8;
    if (bits < 0 || bits > total) {
      return false;
    }
    if (bits == 0) {
      return true;
    }
    BigInteger mask =
        BigInteger.ONE
            .shiftLeft(total)
            .subtract(BigInteger.ONE)
            .shiftRight(total - bits)
            .shiftLeft(total - bits);
    return new BigInteger(1, network).and(mask).equals(new BigInteger(1, address).and(mask));
  }

  private static byte[] literal(String text) {
    if (!text.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
      return null;
    }
    try {
      return InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
