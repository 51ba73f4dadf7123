package io.github.kvchart.aibrix.core.model;

/** Kubernetes name rules (DNS-1123 labels and subdomains) the generated objects must meet. */
public final class Names {
  private Names() {}

  /** A DNS-1123 label: lower-case alphanumerics and '-', at most 63, alphanumeric at both ends. */
  public static boolean isDns1123Label(String name) {
    return name != null && name.length() <= 63 && name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  }

  /** A DNS-1123 label that also starts with a letter, as a Service name must (DNS-1035). */
  public static boolean isServiceName(String name) {
    return isDns1123Label(name) && Character.isLetter(name.charAt(0));
  }

  /** A DNS-1123 subdomain, as most object names must be. */
  public static boolean isDns1123Subdomain(String name) {
    return name != null
        && name.length() <= 253
        && name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  }
}
