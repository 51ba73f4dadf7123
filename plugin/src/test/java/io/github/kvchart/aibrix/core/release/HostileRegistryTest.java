package io.github.kvchart.aibrix.core.release;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.kvchart.aibrix.core.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * push against registries that misbehave, all on loopback: an answer that echoes the credentials,
 * an endless body, a server that never answers, plain HTTP and credentials in the URL. Every case
 * ends, in bounded time and memory, with a clear error that holds no secret.
 */
class HostileRegistryTest {
  private static final String SECRET = "s3cr3t-pa55";

  @TempDir Path temp;
  private HttpServer server;
  private final List<Thread> stalled = new ArrayList<>();
  private Path archive;

  @BeforeEach
  void start() throws Exception {
    archive = Files.write(temp.resolve("aibrix-model-1.0.0.tgz"), new byte[] {31, -117, 8, 0});
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext(
        "/echo/api/charts",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          String echo =
              "{\"error\":\"denied\",\"headers\":{\"Authorization\":[\""
                  + exchange.getRequestHeaders().getFirst("Authorization")
                  + "\"]},\"hint\":\"password was "
                  + SECRET
                  + "\"}";
          byte[] body = echo.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(500, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.createContext(
        "/endless/api/charts",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(500, 0);
          byte[] chunk = new byte[64 * 1024];
          java.util.Arrays.fill(chunk, (byte) 'x');
          try (OutputStream out = exchange.getResponseBody()) {
            for (long sent = 0; sent < 4L * 1024 * 1024 * 1024; sent += chunk.length) {
              out.write(chunk);
            }
          } catch (IOException e) {
            // the client stopped reading: expected
          }
        });
    server.createContext(
        "/stall/api/charts",
        exchange -> {
          stalled.add(Thread.currentThread());
          try {
            Thread.sleep(120_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    stalled.forEach(Thread::interrupt);
    server.stop(0);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private PushRequest request(String repository, Duration timeout) {
    return new PushRequest(archive, repository, "ci", SECRET, true, false, timeout);
  }

  @Test
  void anAnswerEchoingTheCredentialsIsRedacted() {
    InvalidInputException error =
        assertThrows(
            InvalidInputException.class,
            () -> ChartPusher.push(request(url("/echo"), Duration.ofSeconds(10))));
    assertTrue(error.getMessage().contains("answered 500"), error.getMessage());
    assertFalse(error.getMessage().contains(SECRET), error.getMessage());
    assertFalse(
        error
            .getMessage()
            .contains(
                java.util.Base64.getEncoder()
                    .encodeToString(("ci:" + SECRET).getBytes(StandardCharsets.UTF_8))),
        error.getMessage());
    assertTrue(error.getMessage().contains("****"), error.getMessage());
  }

  @Test
  void anEndlessAnswerIsReadOnlyUpToTheCap() {
    long before = System.nanoTime();
    InvalidInputException error =
        assertThrows(
            InvalidInputException.class,
            () -> ChartPusher.push(request(url("/endless"), Duration.ofSeconds(20))));
    assertTrue(error.getMessage().contains("answered 500"), error.getMessage());
    assertTrue(error.getMessage().length() < 2_000, "a short message");
    assertTrue(System.nanoTime() - before < Duration.ofSeconds(40).toNanos(), "ends in time");
  }

  @Test
  void aRegistryThatNeverAnswersTimesOut() {
    InvalidInputException error =
        assertThrows(
            InvalidInputException.class,
            () -> ChartPusher.push(request(url("/stall"), Duration.ofSeconds(1))));
    assertTrue(error.getMessage().contains("did not answer within"), error.getMessage());
    assertTrue(error.fix().contains("aibrix-chart.push.timeout"), error.fix());
  }

  @Test
  void credentialsAreNotSentOverPlainHttpUnlessAllowed() {
    InvalidInputException error =
        assertThrows(
            InvalidInputException.class,
            () ->
                ChartPusher.push(
                    new PushRequest(archive, url("/echo"), "ci", SECRET, false, false)));
    assertTrue(error.getMessage().contains("in clear"), error.getMessage());
    assertTrue(error.fix().contains("aibrix-chart.plainHttp=true"), error.fix());
  }

  @Test
  void credentialsInTheUrlAreRefusedAndNeverShown() {
    for (String repository :
        List.of(
            "https://ci:" + SECRET + "@charts.example.com",
            "oci://ci:" + SECRET + "@registry.example.com/charts")) {
      InvalidInputException error =
          assertThrows(
              InvalidInputException.class,
              () ->
                  ChartPusher.push(new PushRequest(archive, repository, null, null, false, false)));
      assertFalse(error.getMessage().contains(SECRET), error.getMessage());
      assertTrue(error.fix().contains("settings.xml"), error.fix());
    }
    assertFalse(request("https://ci:" + SECRET + "@x", null).toString().contains(SECRET));
  }
}
