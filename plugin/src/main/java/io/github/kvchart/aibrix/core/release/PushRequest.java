package io.github.kvchart.aibrix.core.release;

import java.nio.file.Path;

/**
 * One {@code push} run.
 *
 * @param repository {@code oci://host[:port]/path} for an OCI registry, or the http(s) base URL of
 *     a ChartMuseum-style repository (the archive is POSTed to {@code <url>/api/charts})
 * @param username null for no credentials
 * @param password null for no credentials
 */
public record PushRequest(
    Path archive,
    String repository,
    String username,
    String password,
    boolean plainHttp,
    boolean insecure) {

  @Override
  public String toString() {
    return "PushRequest[archive="
        + archive
        + ", repository="
        + repository
        + ", username="
        + username
        + ", password="
        + (password == null ? "none" : "****")
        + "]";
  }
}
