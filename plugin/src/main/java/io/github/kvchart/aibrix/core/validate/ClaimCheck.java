package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.Quantity;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.List;

/** What the API server refuses in a v1 PersistentVolumeClaim beyond the schema. */
final class ClaimCheck {
  private ClaimCheck() {}

  private static final List<String> ACCESS_MODES =
      List.of("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod");

  /**
   * ValidatePersistentVolumeClaimSpec: at least one access mode, each a known one, and
   * ReadWriteOncePod alone; a positive storage request; a storageClassName that is a DNS subdomain;
   * a volumeMode of Block or Filesystem.
   */
  static void check(ManifestDocument document, List<Violation> violations) {
    JsonNode spec = document.root().path("spec");
    JsonNode modes = spec.path("accessModes");
    if (modes.isEmpty()) {
      violations.add(
          ApiSyntax.error(
              document,
              "/spec",
              "the claim has no accessModes; the API server wants at least one.",
              "Add accessModes: [ReadWriteOnce] (or ReadOnlyMany to share model weights)."));
    }
    boolean oncePod = false;
    for (int i = 0; modes.isArray() && i < modes.size(); i++) {
      ApiSyntax.oneOfOrEmpty(
          document, "/spec/accessModes/" + i, modes.get(i), ACCESS_MODES, violations);
      oncePod |= modes.get(i).asText().equals("ReadWriteOncePod");
    }
    if (oncePod && modes.size() > 1) {
      violations.add(
          ApiSyntax.error(
              document,
              "/spec/accessModes",
              "ReadWriteOncePod may not be listed with other access modes.",
              "Keep ReadWriteOncePod alone, or drop it."));
    }
    JsonNode storage = spec.path("resources").path("requests").path("storage");
    java.math.BigDecimal size = Quantity.of(storage).orElse(null);
    if (storage.isMissingNode() || storage.isNull()) {
      violations.add(
          ApiSyntax.error(
              document,
              "/spec",
              "the claim requests no storage; the API server wants resources.requests.storage.",
              "Add resources: {requests: {storage: 100Gi}}."));
    } else if (size != null && size.signum() <= 0) {
      violations.add(
          ApiSyntax.error(
              document,
              "/spec/resources/requests/storage",
              "the storage request " + storage.asText() + " is not above 0.",
              "Request the size the claim needs, e.g. 100Gi."));
    }
    JsonNode storageClass = spec.path("storageClassName");
    if (storageClass.isTextual()
        && !storageClass.asText().isEmpty()
        && !ApiSyntax.isDnsSubdomain(storageClass.asText())) {
      violations.add(
          ApiSyntax.error(
              document,
              "/spec/storageClassName",
              "storageClassName '" + storageClass.asText() + "' is not a DNS-1123 subdomain.",
              "Use the StorageClass's name as kubectl get storageclass lists it."));
    }
    ApiSyntax.oneOfOrEmpty(
        document,
        "/spec/volumeMode",
        spec.path("volumeMode"),
        List.of("Block", "Filesystem"),
        violations);
  }
}
