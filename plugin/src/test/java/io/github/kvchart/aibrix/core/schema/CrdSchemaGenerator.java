package io.github.kvchart.aibrix.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kvchart.aibrix.core.validate.CrdSchema;
import io.github.kvchart.aibrix.core.validate.CrdSchemaReader;
import io.github.kvchart.aibrix.core.validate.ManifestParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Makes the shipped CRD schemas (schemas/crds/) from upstream CustomResourceDefinition files: each
 * CRD's openAPIV3Schema goes through {@link CrdSchemaReader}, the code behind {@code
 * aibrix-chart.crds}, so a shipped kind is judged exactly as the user's own CRDs are. Descriptions
 * are left out (they are documentation, not rules). Each CRD is read at a pinned commit of a git
 * mirror of its repository and its sha256 is recorded, so the index says where every schema came
 * from.
 */
public final class CrdSchemaGenerator {
  /** One upstream CRD file: repository (owner/name), tag, commit and path. */
  public record Upstream(String repository, String tag, String commit, String path) {}

  /** The CRDs we ship, each with the kinds it defines (one file each). */
  public static final List<Upstream> SOURCES =
      List.of(
          new Upstream(
              "vllm-project/aibrix",
              "v0.7.0",
              "c5465890951ad43d22241ab7ed964b929c5d4aba",
              "config/crd/autoscaling/autoscaling.aibrix.ai_podautoscalers.yaml"),
          new Upstream(
              "vllm-project/aibrix",
              "v0.7.0",
              "c5465890951ad43d22241ab7ed964b929c5d4aba",
              "config/crd/model/model.aibrix.ai_modeladapters.yaml"),
          new Upstream(
              "vllm-project/aibrix",
              "v0.7.0",
              "c5465890951ad43d22241ab7ed964b929c5d4aba",
              "config/crd/orchestration/orchestration.aibrix.ai_stormservices.yaml"),
          new Upstream(
              "vllm-project/aibrix",
              "v0.7.0",
              "c5465890951ad43d22241ab7ed964b929c5d4aba",
              "config/crd/orchestration/orchestration.aibrix.ai_rolesets.yaml"),
          new Upstream(
              "vllm-project/aibrix",
              "v0.7.0",
              "c5465890951ad43d22241ab7ed964b929c5d4aba",
              "config/crd/orchestration/orchestration.aibrix.ai_podsets.yaml"),
          new Upstream(
              "vllm-project/aibrix",
              "v0.7.0",
              "c5465890951ad43d22241ab7ed964b929c5d4aba",
              "config/crd/orchestration/orchestration.aibrix.ai_rayclusterfleets.yaml"),
          new Upstream(
              "vllm-project/aibrix",
              "v0.7.0",
              "c5465890951ad43d22241ab7ed964b929c5d4aba",
              "config/crd/orchestration/orchestration.aibrix.ai_rayclusterreplicasets.yaml"),
          new Upstream(
              "prometheus-operator/prometheus-operator",
              "v0.93.0",
              "f8fafd475f3d132e239432ae6172de60a6cb6516",
              "example/prometheus-operator-crd/monitoring.coreos.com_podmonitors.yaml"),
          new Upstream(
              "prometheus-operator/prometheus-operator",
              "v0.93.0",
              "f8fafd475f3d132e239432ae6172de60a6cb6516",
              "example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml"),
          new Upstream(
              "kubernetes-sigs/lws",
              "v0.10.0",
              "2161f38ff333f9e24d3c44adef7cd5d9787cac00",
              "config/crd/bases/leaderworkerset.x-k8s.io_leaderworkersets.yaml"));

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CrdSchemaGenerator() {}

  /**
   * The files of schemas/crds/ (name to content), from git mirrors under {@code mirrors} laid out
   * as {@code owner+name/repo} (what the search tool's fetch writes).
   */
  public static Map<String, String> generateAll(Path mirrors) throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    ObjectNode index = JSON.createObjectNode();
    index.put(
        "source",
        "The openAPIV3Schema of upstream CRD files, converted by CrdSchemaReader (the code behind"
            + " aibrix-chart.crds) without descriptions. Regenerate: README.md, Contributing.");
    var kinds = index.putArray("kinds");
    for (Upstream upstream : SOURCES) {
      byte[] crd = gitShow(mirrors, upstream);
      String text = new String(crd, StandardCharsets.UTF_8);
      List<CrdSchema> schemas =
          CrdSchemaReader.read(new ManifestParser().parse(upstream.path(), text));
      for (CrdSchema schema : schemas) {
        String file =
            (schema.kind() + "-" + schema.apiVersion())
                    .toLowerCase(java.util.Locale.ROOT)
                    .replaceAll("[^a-z0-9]+", "-")
                + ".json";
        ObjectNode json = (ObjectNode) withoutDescriptions(schema.schema());
        ObjectNode out = JSON.createObjectNode();
        out.put("$schema", "http://json-schema.org/draft-07/schema#");
        out.put(
            "title",
            schema.kind()
                + " ("
                + schema.apiVersion()
                + "), from "
                + upstream.repository()
                + " "
                + upstream.tag());
        out.setAll(json);
        files.put(file, JSON.writeValueAsString(out) + "\n");
        ObjectNode entry = kinds.addObject();
        entry.put("apiVersion", schema.apiVersion());
        entry.put("kind", schema.kind());
        entry.put("file", file);
        ObjectNode from = entry.putObject("crd");
        from.put("repository", upstream.repository());
        from.put("tag", upstream.tag());
        from.put("commit", upstream.commit());
        from.put("path", upstream.path());
        from.put(
            "sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(crd)));
      }
    }
    files.put("index.json", JSON.writeValueAsString(index) + "\n");
    return files;
  }

  /** Drops every {@code description} keyword, leaving properties that are named description. */
  static JsonNode withoutDescriptions(JsonNode schema) {
    if (schema.isArray()) {
      var array = JSON.createArrayNode();
      schema.forEach(item -> array.add(withoutDescriptions(item)));
      return array;
    }
    if (!schema.isObject()) {
      return schema;
    }
    ObjectNode out = JSON.createObjectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = schema.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      if (key.equals("description")) {
        continue;
      }
      if (key.equals("properties") || key.equals("definitions")) {
        ObjectNode children = out.putObject(key);
        field
            .getValue()
            .fields()
            .forEachRemaining(
                child -> children.set(child.getKey(), withoutDescriptions(child.getValue())));
      } else {
        out.set(key, withoutDescriptions(field.getValue()));
      }
    }
    return out;
  }

  private static byte[] gitShow(Path mirrors, Upstream upstream) throws Exception {
    Path repo = mirrors.resolve(upstream.repository().replace('/', '+')).resolve("repo");
    Process git =
        new ProcessBuilder(
                "git", "--git-dir=" + repo, "show", upstream.commit() + ":" + upstream.path())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = git.getInputStream()) {
      in.transferTo(out);
    }
    if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
      throw new IOException(
          "git show " + upstream.commit() + ":" + upstream.path() + " failed in " + repo);
    }
    return out.toByteArray();
  }
}
