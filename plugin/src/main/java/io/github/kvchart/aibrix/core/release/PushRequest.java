package io.github.kvchart.aibrix.core.release;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One {@code push} run.
 *
 * @param repository {@code oci://host[:port]/path} for an OCI registry, or the http(s) base URL of
 *     a ChartMuseum-style repository (the archive is POSTed to {@code <url>/api/charts})
 * @param username null for no credentials
 * @param password null for no credentials
 * @param plainHttp plain HTTP to the registry, for login and push; also allows credentials over
 *     http://
 * @param timeout the limit for connecting and for each answer
 */
public record PushRequest(
    Path archive,
    String repository,
    String username,
    String password,
    boolean plainHttp,
    boolean insecure,
    Duration timeout) {

  /** The default limit for connecting and for each answer. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /** A request with the default timeout. */
  public PushRequest(
      Path archive,
      String repository,
      String username,
      String password,
      boolean plainHttp,
      boolean insecure) {
    this(archive, repository, username, password, plainHttp, insecure, DEFAULT_TIMEOUT);
  }

  public PushRequest {
    timeout =
        timeout == null || timeout.isZero() || timeout.isNegative() ? DEFAULT_TIMEOUT : timeout;
  }

  @Override
  public String toString() {
    return "PushRequest[archive="
        + archive
        + ", repository="
        + Redactor.url(repository)
        + ", username="
        + username
        + ", password="
        + (password == null ? "none" : "****")
        + ", timeout="
        + timeout
        + "]";
  }
}
