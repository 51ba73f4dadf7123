package io.github.kvchart.aibrix.core.release;

import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.SourceLocation;
import io.github.kvchart.aibrix.core.helm.ChartPackager;
import io.github.kvchart.aibrix.core.helm.EmbeddedHelm;
import io.github.kvchart.aibrix.core.helm.HelmException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publishes a packaged chart: to an OCI registry through embedded Helm (login with the given
 * credentials, then push), or to a ChartMuseum-style HTTP repository with a POST of the archive.
 * Credentials never appear in messages.
 */
public final class ChartPusher {
  private static final Pattern DIGEST = Pattern.compile("Digest:\\s*(sha256:[0-9a-f]{64})");

  /** Where the chart went, and the digest the target reported (or the archive's sha256). */
  public record Pushed(String target, String digest) {}

  private ChartPusher() {}

  public static Pushed push(PushRequest request)
      throws InvalidInputException, IOException, HelmException {
    if (!Files.isRegularFile(request.archive())) {
      throw new InvalidInputException(
          SourceLocation.ofFile(request.archive().toString()),
          "does not exist.",
          "Run the package goal first (mvn package).");
    }
    String repository = request.repository() == null ? "" : request.repository().trim();
    if (repository.startsWith("oci://")) {
      return pushOci(request, repository);
    }
    if (repository.startsWith("http://") || repository.startsWith("https://")) {
      return upload(request, repository);
    }
    throw new InvalidInputException(
        null,
        "aibrix-chart.repository '" + repository + "' is neither oci:// nor http(s)://.",
        "Use oci://registry.example.com/charts or https://charts.example.com (a ChartMuseum-style repository).");
  }

  private static Pushed pushOci(PushRequest request, String repository) throws HelmException {
    URI remote = URI.create(repository);
    String host =
        remote.getPort() > 0 ? remote.getHost() + ":" + remote.getPort() : remote.getHost();
    if (request.username() != null && request.password() != null) {
      EmbeddedHelm.login(
          host, request.username(), request.password(), request.plainHttp(), request.insecure());
    }
    String output =
        EmbeddedHelm.push(request.archive(), remote, request.plainHttp(), request.insecure());
    Matcher digest = DIGEST.matcher(output == null ? "" : output);
    return new Pushed(repository, digest.find() ? digest.group(1) : "unknown");
  }

  private static Pushed upload(PushRequest request, String repository)
      throws IOException, InvalidInputException {
    byte[] archive = Files.readAllBytes(request.archive());
    URI endpoint = URI.create(repository.replaceAll("/+$", "") + "/api/charts");
    HttpRequest.Builder post =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofMinutes(2))
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(archive));
    if (request.username() != null && request.password() != null) {
      String token =
          Base64.getEncoder()
              .encodeToString(
                  (request.username() + ":" + request.password()).getBytes(StandardCharsets.UTF_8));
      post.header("Authorization", "Basic " + token);
    }
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(post.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("upload to " + endpoint + " was interrupted", e);
    }
    int status = response.statusCode();
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
          endpoint + " answered " + status + ": " + abbreviate(response.body()),
          "Check aibrix-chart.repository (the repository's base URL).");
    }
    return new Pushed(endpoint.toString(), "sha256:" + ChartPackager.sha256(archive));
  }

  private static String abbreviate(String body) {
    String flat = body == null ? "" : body.replaceAll("\\s+", " ").trim();
    return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
  }
}
