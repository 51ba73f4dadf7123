package io.github.kvchart.aibrix.core.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.jni.HelmLib;
import com.marcnuri.helm.jni.RepoServerOptions;
import com.marcnuri.helm.jni.Result;
import com.sun.net.httpserver.HttpServer;
import io.github.kvchart.aibrix.TestPaths;
import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.helm.ChartPackager;
import io.github.kvchart.aibrix.core.helm.HelmEnvironment;
import io.github.kvchart.aibrix.core.render.ChartGenerator;
import io.github.kvchart.aibrix.core.render.GenerateRequest;
import io.github.kvchart.aibrix.core.validate.ValidateRequest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * push: to helm-java's embedded OCI registry (read back over the registry API and compared by
 * digest), and to a local ChartMuseum-style server implementing POST /api/charts. Loopback only.
 */
class ChartPusherTest {
  @TempDir static Path temp;
  static ChartPackager.Packaged packaged;

  @BeforeAll
  static void packageChart() throws Exception {
    Path out = temp.resolve("gen");
    new ChartGenerator()
        .generate(
            new GenerateRequest(out, TestPaths.chartTemplates(), null, null, "1.0.0", null),
            BuildLog.SILENT);
    Path chart = out.resolve("helm/aibrix-model");
    packaged =
        ChartRelease.packageChart(
            new PackageRequest(
                chart,
                temp.resolve("charts"),
                ChartReleaseTest.STAMP,
                "",
                new ValidateRequest(
                    temp, List.of(chart), List.of(), List.of(), "1.32", List.of(), 1)),
            BuildLog.SILENT);
  }

  static HelmLib helmLib() throws Exception {
    HelmEnvironment.isolate();
    var holder = Class.forName("com.marcnuri.helm.Helm$HelmLibHolder");
    var field = holder.getDeclaredField("INSTANCE");
    field.setAccessible(true);
    return (HelmLib) field.get(null);
  }

  @Test
  void pushesToAnOciRegistryWithCredentialsAndReadsItBackByDigest() throws Exception {
    HelmLib lib = helmLib();
    Result started = lib.RepoOciServerStart(new RepoServerOptions(null, "ci-user", "ci-secret"));
    String address = started.out;
    awaitListening(address);
    try {
      ChartPusher.Pushed pushed =
          ChartPusher.push(
              new PushRequest(
                  packaged.archive(),
                  "oci://" + address + "/charts",
                  "ci-user",
                  "ci-secret",
                  true,
                  false));
      assertTrue(pushed.digest().startsWith("sha256:"), pushed.toString());
      HttpClient client = HttpClient.newHttpClient();
      String auth =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString("ci-user:ci-secret".getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> manifest =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("http://" + address + "/v2/charts/aibrix-model/manifests/1.0.0"))
                  .header("Accept", "application/vnd.oci.image.manifest.v1+json")
                  .header("Authorization", auth)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, manifest.statusCode(), manifest.body());
      JsonNode layer = null;
      for (JsonNode candidate : new ObjectMapper().readTree(manifest.body()).path("layers")) {
        if (candidate.path("mediaType").asText().contains("helm.chart.content")) {
          layer = candidate;
        }
      }
      assertEquals("sha256:" + packaged.sha256(), layer.path("digest").asText());
      HttpResponse<byte[]> blob =
          client.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://"
                              + address
                              + "/v2/charts/aibrix-model/blobs/"
                              + layer.path("digest").asText()))
                  .header("Authorization", auth)
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(packaged.sha256(), ChartPackager.sha256(blob.body()));
    } finally {
      lib.RepoServerStop(address);
    }
  }

  /**
   * The embedded registry starts in the background: wait (bounded) until it accepts connections.
   */
  static void awaitListening(String address) throws Exception {
    String[] hostPort = address.split(":");
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      try (var socket = new java.net.Socket()) {
        socket.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 500);
        return;
      } catch (java.io.IOException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  @Test
  void uploadsToAChartMuseumStyleRepository() throws Exception {
    List<byte[]> stored = new ArrayList<>();
    List<String> authorizations = new ArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/charts",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
          int status;
          String answer;
          if (!"POST".equals(exchange.getRequestMethod())) {
            status = 405;
            answer = "{\"error\":\"method\"}";
          } else if (!stored.isEmpty()) {
            status = 409;
            answer = "{\"error\":\"file already exists\"}";
          } else {
            stored.add(body);
            status = 201;
            answer = "{\"saved\":true}";
          }
          exchange.sendResponseHeaders(status, answer.length());
          exchange.getResponseBody().write(answer.getBytes(StandardCharsets.UTF_8));
          exchange.close();
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort();
      ChartPusher.Pushed pushed =
          ChartPusher.push(new PushRequest(packaged.archive(), url, "museum", "pw", true, false));
      assertEquals("sha256:" + packaged.sha256(), pushed.digest());
      assertEquals(packaged.sha256(), ChartPackager.sha256(stored.get(0)));
      assertEquals(
          "Basic "
              + Base64.getEncoder().encodeToString("museum:pw".getBytes(StandardCharsets.UTF_8)),
          authorizations.get(0));
      InvalidInputException again =
          assertThrows(
              InvalidInputException.class,
              () ->
                  ChartPusher.push(
                      new PushRequest(packaged.archive(), url, null, null, false, false)));
      assertTrue(again.getMessage().contains("409"), again.getMessage());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void anUnknownTargetIsAClearError() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                ChartPusher.push(
                    new PushRequest(packaged.archive(), "ftp://x", null, null, false, false)));
    assertTrue(e.fix().contains("oci://"));
    assertTrue(
        !new PushRequest(packaged.archive(), "x", "u", "secret", false, false)
            .toString()
            .contains("secret"));
  }
}
