package io.github.kvchart.aibrix.core.release;

import com.marcnuri.helm.jni.HelmLib;
import com.marcnuri.helm.jni.RepoServerOptions;
import com.marcnuri.helm.jni.Result;
import io.github.kvchart.aibrix.TestPaths;
import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.helm.ChartPackager;
import io.github.kvchart.aibrix.core.render.ChartGenerator;
import io.github.kvchart.aibrix.core.render.GenerateRequest;
import io.github.kvchart.aibrix.core.validate.ValidateRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a child JVM by {@link CredentialIsolationTest}: generates, packages and pushes the chart
 * to helm-java's embedded OCI registry with credentials, then prints the digest. The parent points
 * HOME and XDG_* at empty folders and checks they stay empty.
 */
public final class IsolatedPushProbe {
  private IsolatedPushProbe() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    Path out = work.resolve("gen");
    new ChartGenerator()
        .generate(
            new GenerateRequest(out, TestPaths.chartTemplates(), null, null, "1.0.0", null),
            BuildLog.SILENT);
    Path chart = out.resolve("helm/aibrix-model");
    ChartPackager.Packaged packaged =
        ChartRelease.packageChart(
            new PackageRequest(
                chart,
                work.resolve("charts"),
                ChartReleaseTest.STAMP,
                "",
                new ValidateRequest(
                    work, List.of(chart), List.of(), List.of(), "1.32", List.of(), 1)),
            BuildLog.SILENT);
    HelmLib lib = ChartPusherTest.helmLib();
    Result started =
        lib.RepoOciServerStart(new RepoServerOptions(null, "probe-user", "probe-secret-42"));
    ChartPusherTest.awaitListening(started.out);
    ChartPusher.Pushed pushed =
        ChartPusher.push(
            new PushRequest(
                packaged.archive(),
                "oci://" + started.out + "/charts",
                "probe-user",
                "probe-secret-42",
                true,
                false));
    System.out.println("PUSHED " + pushed.digest());
    Files.writeString(work.resolve("pushed.txt"), pushed.digest());
    System.exit(0);
  }
}
