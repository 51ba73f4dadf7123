package io.github.kvchart.aibrix.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Permission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline guarantee: generate, validate (with chart lint and rendering through embedded Helm)
 * and package run with a guard that records and refuses every network connection the JVM attempts
 * (a security manager's connect and resolve checks, which cover sockets, channels, HTTP clients and
 * proxies). Not one is attempted. Push is the one goal whose job is the network: it reaches only
 * the target it is given.
 */
class OfflineTest {
  @TempDir Path temp;

  private final List<String> attempts = Collections.synchronizedList(new ArrayList<>());
  private ProxySelector previousProxySelector;

  /** Records every connect or resolve and refuses it. */
  @SuppressWarnings("removal")
  private final class NetworkGuard extends SecurityManager {
    @Override
    public void checkConnect(String host, int port) {
      attempts.add(host + ":" + port);
      throw new SecurityException("network access denied in OfflineTest: " + host + ":" + port);
    }

    @Override
    public void checkConnect(String host, int port, Object context) {
      checkConnect(host, port);
    }

    @Override
    public void checkPermission(Permission permission) {
      if (permission instanceof java.net.SocketPermission socket
          && socket.getActions().contains("connect")) {
        attempts.add(socket.getName());
        throw new SecurityException("network access denied in OfflineTest: " + socket.getName());
      }
    }

    @Override
    public void checkPermission(Permission permission, Object context) {
      checkPermission(permission);
    }
  }

  @BeforeEach
  @SuppressWarnings("removal")
  void denyNetwork() {
    previousProxySelector = ProxySelector.getDefault();
    ProxySelector.setDefault(
        new ProxySelector() {
          @Override
          public List<Proxy> select(URI uri) {
            attempts.add("proxy " + uri);
            throw new SecurityException("network access denied in OfflineTest: " + uri);
          }

          @Override
          public void connectFailed(URI uri, SocketAddress address, IOException e) {}
        });
    System.setSecurityManager(new NetworkGuard());
  }

  @AfterEach
  @SuppressWarnings("removal")
  void restore() {
    System.setSecurityManager(null);
    ProxySelector.setDefault(previousProxySelector);
  }

  @Test
  void generateValidateAndPackageAttemptNoConnection() throws Exception {
    Mojos.generate(temp.resolve("out")).execute();

    ValidateMojo validate = Mojos.validate(temp, null);
    validate.outputDirectory = temp.resolve("out").toFile();
    validate.failOnWarning = true;
    validate.execute();

    Mojos.pack(temp, temp.resolve("out/helm/aibrix-model"), temp.resolve("charts")).execute();

    assertTrue(Files.isRegularFile(temp.resolve("charts/aibrix-model-1.0.0.tgz")));
    assertTrue(
        Files.readString(temp.resolve("reports/validation.json")).contains("\"documents\" : 65"));
    assertEquals(List.of(), attempts);
  }

  @Test
  void theGuardReallyCatchesAConnection() {
    try {
      new java.net.Socket()
          .connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 9));
    } catch (Exception expected) {
      // refused by the guard
    }
    assertEquals(1, attempts.size(), attempts.toString());
    assertTrue(new File(".").exists());
  }
}
