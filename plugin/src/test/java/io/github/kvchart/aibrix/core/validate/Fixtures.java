package io.github.kvchart.aibrix.core.validate;

import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Validates one YAML text written as m.yaml in a test's folder. */
public final class Fixtures {
  private Fixtures() {}

  public static List<Violation> validate(Path folder, String yaml, String kubernetesVersion)
      throws Exception {
    return validate(folder, yaml, kubernetesVersion, null);
  }

  /** The same, for an AIBrix release (null: the contract's newest). */
  public static List<Violation> validate(
      Path folder, String yaml, String kubernetesVersion, String aibrixVersion) throws Exception {
    Path file = folder.resolve("m.yaml");
    Files.writeString(file, yaml);
    return new ManifestValidator()
        .validate(
            new ValidateRequest(
                folder,
                List.of(file),
                List.of(),
                List.of(),
                kubernetesVersion,
                List.of(),
                1,
                null,
                null,
                aibrixVersion),
            BuildLog.SILENT)
        .violations();
  }

  /**
   * A small valid Deployment (web, nginx on port 80), with {@code spec} (YAML lines as they would
   * read at the top of spec, unindented) added before its selector.
   */
  public static String deployment(String spec) {
    return deployment("", spec);
  }

  /**
   * The same Deployment with {@code metadata} (YAML lines as they would read under metadata,
   * unindented) added after its name.
   */
  public static String deployment(String metadata, String spec) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        %sspec:
        %s  selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27
                  ports: [{containerPort: 80}]
        """
        .formatted(
            metadata.isBlank() ? "" : metadata.indent(2), spec.isBlank() ? "" : spec.indent(2));
  }
}
