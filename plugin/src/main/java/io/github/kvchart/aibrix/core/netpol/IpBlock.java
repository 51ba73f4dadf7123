package io.github.kvchart.aibrix.core.netpol;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An ipBlock peer: a CIDR minus its excepts, for IPv4 and IPv6 literals (never a DNS look-up). */
public final class IpBlock {
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

  /**
   * Why the API server refuses the ipBlock (ValidateIPBlock: a CIDR as Kubernetes' sloppy parser
   * reads it, decimal parts with leading zeros allowed; each except a CIDR strictly inside it), as
   * the field ("cidr" or "except/i") and the reason; or null.
   */
  public static String[] problem(JsonNode block) {
    String cidr = block.path("cidr").asText("");
    if (cidr.isEmpty()) {
      return new String[] {"cidr", "the ipBlock has no cidr"};
    }
    BigInteger[] outer = parse(cidr);
    if (outer == null) {
      return new String[] {"cidr", "cidr '" + cidr + "' is not a CIDR (such as 10.0.0.0/8)"};
    }
    JsonNode excepts = block.path("except");
    for (int i = 0; excepts.isArray() && i < excepts.size(); i++) {
      String text = excepts.get(i).asText("");
      BigInteger[] inner = parse(text);
      if (inner == null) {
        return new String[] {"except/" + i, "except '" + text + "' is not a CIDR"};
      }
      if (!inner[2].equals(outer[2])
          || inner[1].compareTo(outer[1]) <= 0
          || !network(inner, outer[1]).equals(outer[0])) {
        return new String[] {
          "except/" + i, "except '" + text + "' is not strictly inside cidr '" + cidr + "'"
        };
      }
    }
    return null;
  }

  /** {@code cidr}'s address masked to {@code bits}. */
  private static BigInteger network(BigInteger[] cidr, BigInteger bits) {
    int total = cidr[2].intValue();
    BigInteger mask =
        BigInteger.ONE
            .shiftLeft(total)
            .subtract(BigInteger.ONE)
            .shiftRight(total - bits.intValue())
            .shiftLeft(total - bits.intValue());
    return cidr[0].and(mask);
  }

  /** A CIDR as {network address, prefix bits, address bits}, or null when it is not one. */
  private static BigInteger[] parse(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0 || slash == cidr.length() - 1) {
      return null;
    }
    String ip = cidr.substring(0, slash);
    byte[] address = ip.indexOf(':') >= 0 ? literal(ip) : dottedQuad(ip);
    String prefix = cidr.substring(slash + 1);
    if (address == null || prefix.length() > 3 || !prefix.chars().allMatch(Character::isDigit)) {
      return null;
    }
    int total = ip.indexOf(':') >= 0 ? 128 : 32;
    int bits = Integer.parseInt(prefix);
    if (bits > total) {
      return null;
    }
    BigInteger[] parsed = {
      new BigInteger(1, address), BigInteger.valueOf(bits), BigInteger.valueOf(total)
    };
    parsed[0] = network(parsed, parsed[1]);
    return parsed;
  }

  /**
   * Four decimal parts of at most 255 each (leading zeros allowed, as ParseIPSloppy reads them).
   */
  private static byte[] dottedQuad(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.length() > 10 || !part.chars().allMatch(Character::isDigit)) {
        return null;
      }
      long value = Long.parseLong(part);
      if (value > 255) {
        return null;
      }
      bytes[i] = (byte) value;
    }
    return bytes;
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
