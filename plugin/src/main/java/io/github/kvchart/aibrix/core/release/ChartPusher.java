package io.github.kvchart.aibrix.core.release;

import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.SourceLocation;
import io.github.kvchart.aibrix.core.helm.ChartPackager;
import io.github.kvchart.aibrix.core.helm.EmbeddedHelm;
import io.github.kvchart.aibrix.core.helm.HelmException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publishes a packaged chart: to an OCI registry through embedded Helm (login with the given
 * credentials, then push), or to a ChartMuseum-style HTTP repository with a POST of the archive.
 * Credentials never appear in messages, are never sent over plain HTTP unless plainHttp says so,
 * and every call has a time limit and a cap on how much of an answer it reads.
 */
public final class ChartPusher {
  private static final Pattern DIGEST = Pattern.compile("Digest:\\s*(sha256:[0-9a-f]{64})");

  /** How much of an error answer is read (the rest is dropped unread). */
  static final int MAX_ANSWER_BYTES = 64 * 1024;

  /** Where the chart went, and the digest the target reported (or the archive's sha256). */
  public record Pushed(String target, String digest) {}

  private ChartPusher() {}

  public static Pushed push(PushRequest request)
      throws InvalidInputException, IOException, HelmException {
    return push(request, BuildLog.SILENT);
  }

  public static Pushed push(PushRequest request, BuildLog log)
      throws InvalidInputException, IOException, HelmException {
    if (!Files.isRegularFile(request.archive())) {
      throw new InvalidInputException(
          SourceLocation.ofFile(request.archive().toString()),
          "does not exist.",
          "Run the package goal first (mvn package).");
    }
    String repository = request.repository() == null ? "" : request.repository().trim();
    Redactor redactor = new Redactor(request.username(), request.password());
    URI uri;
    try {
      uri = new URI(repository);
    } catch (URISyntaxException e) {
      throw new InvalidInputException(
          null,
          "aibrix-chart.repository '" + Redactor.url(repository) + "' is not a URL.",
          "Use oci://registry.example.com/charts or https://charts.example.com.");
    }
    if (uri.getRawUserInfo() != null) {
      throw new InvalidInputException(
          null,
          "aibrix-chart.repository '"
              + Redactor.url(repository)
              + "' carries credentials in the URL.",
          "Remove them from the URL and put them in a settings.xml <server> named by aibrix-chart.serverId.");
    }
    boolean credentials = request.username() != null && request.password() != null;
    if (credentials && (repository.startsWith("http://") || repository.startsWith("oci://"))) {
      boolean clear = repository.startsWith("http://") || request.plainHttp();
      if (clear && !request.plainHttp()) {
        throw new InvalidInputException(
            null,
            "aibrix-chart.repository '"
                + repository
                + "' is plain http://, which would send the credentials in clear.",
            "Use https://, or set aibrix-chart.plainHttp=true if this is a trusted local registry.");
      }
      if (clear) {
        log.warn(
            "Sending the credentials of "
                + request.username()
                + " over plain HTTP to "
                + repository
                + " (aibrix-chart.plainHttp=true); use it only for a trusted local registry.");
      }
    }
    try {
      if (repository.startsWith("oci://")) {
        return pushOci(request, uri, repository);
      }
      if (repository.startsWith("http://") || repository.startsWith("https://")) {
        return upload(request, repository, redactor);
      }
    } catch (HelmException e) {
      throw new HelmException(redactor.redact(e.getMessage()), null);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(e.location(), redactor.redact(e.problem()), e.fix());
    } catch (IOException e) {
      throw new IOException(redactor.redact(e.getMessage()));
    }
    throw new InvalidInputException(
        null,
        "aibrix-chart.repository '" + repository + "' is neither oci:// nor http(s)://.",
        "Use oci://registry.example.com/charts or https://charts.example.com (a ChartMuseum-style repository).");
  }

  private static Pushed pushOci(PushRequest request, URI remote, String repository)
      throws HelmException {
    String host =
        remote.getPort() > 0 ? remote.getHost() + ":" + remote.getPort() : remote.getHost();
    try {
      if (request.username() != null && request.password() != null) {
        EmbeddedHelm.login(
            host,
            request.username(),
            request.password(),
            request.plainHttp(),
            request.insecure(),
            request.timeout());
      }
      String output =
          EmbeddedHelm.push(
              request.archive(),
              remote,
              request.plainHttp(),
              request.insecure(),
              request.timeout());
      Matcher digest = DIGEST.matcher(output == null ? "" : output);
      return new Pushed(repository, digest.find() ? digest.group(1) : "unknown");
    } finally {
      EmbeddedHelm.forgetRegistryCredentials();
    }
  }

  private static Pushed upload(PushRequest request, String repository, Redactor redactor)
      throws IOException, InvalidInputException {
    URI endpoint = URI.create(repository.replaceAll("/+$", "") + "/api/charts");
    HttpRequest.Builder post =
        HttpRequest.newBuilder(endpoint)
            .timeout(request.timeout())
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofFile(request.archive()));
    if (request.username() != null && request.password() != null) {
      String token =
          Base64.getEncoder()
              .encodeToString(
                  (request.username() + ":" + request.password()).getBytes(StandardCharsets.UTF_8));
      post.header("Authorization", "Basic " + token);
    }
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(request.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpResponse<byte[]> response;
    var future = client.sendAsync(post.build(), info -> CappedBody.subscriber(MAX_ANSWER_BYTES));
    try {
      response = future.get(request.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new IOException("upload to " + endpoint + " was interrupted", e);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw timedOut(endpoint, request);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof java.net.http.HttpTimeoutException) {
        throw timedOut(endpoint, request);
      }
      throw new IOException(
          "upload to "
              + endpoint
              + " failed: "
              + redactor.redact(String.valueOf(cause.getMessage())),
          null);
    }
    int status = response.statusCode();
    String body = redactor.redact(new String(response.body(), StandardCharsets.UTF_8));
    if (status == 409) {
      throw new InvalidInputException(
          null,
          endpoint + " already has this chart version (409).",
          "Bump the chart version; repositories do not overwrite a published version.");
    }
    if (status == 401 || status == 403) {
      throw new InvalidInputException(
          null,
          endpoint + " refused the credentials (" + status + ").",
          "Check the <server> entry named by aibrix-chart.serverId in settings.xml.");
    }
    if (status / 100 != 2) {
      throw new InvalidInputException(
          null,
          endpoint + " answered " + status + ": " + abbreviate(body),
          "Check aibrix-chart.repository (the repository's base URL).");
    }
    return new Pushed(endpoint.toString(), "sha256:" + ChartPackager.sha256(request.archive()));
  }

  private static InvalidInputException timedOut(URI endpoint, PushRequest request) {
    return new InvalidInputException(
        null,
        endpoint + " did not answer within " + request.timeout().toSeconds() + " s.",
        "Check that the repository is up, or raise aibrix-chart.push.timeout.");
  }

  private static String abbreviate(String body) {
    String flat = body == null ? "" : body.replaceAll("\\s+", " ").trim();
    return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
  }
}
