package io.github.kvchart.aibrix.core.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.annotations.SerializedName;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The project's generator of Kubernetes JSON schemas (draft-07). It reads the model classes of
 * io.kubernetes:client-java-api, which are generated from the official Kubernetes OpenAPI spec and
 * carry each type's JSON field names, field types and required fields. Every object is closed
 * ({@code additionalProperties: false}) so a typo is an error; IntOrString and Quantity accept what
 * the API server accepts.
 */
public final class KubernetesSchemaGenerator {
  /** The Kubernetes minor client-java-api 24 is generated from. */
  public static final String KUBERNETES_VERSION = "1.32";

  public static final String SOURCE = "io.kubernetes:client-java-api:24.0.0";

  /** The kinds we ship: apiVersion, kind and the model class. */
  public static final List<String[]> KINDS =
      List.of(
          kind("apps/v1", "Deployment", "V1Deployment"),
          kind("apps/v1", "StatefulSet", "V1StatefulSet"),
          kind("apps/v1", "DaemonSet", "V1DaemonSet"),
          kind("batch/v1", "Job", "V1Job"),
          kind("batch/v1", "CronJob", "V1CronJob"),
          kind("v1", "Service", "V1Service"),
          kind("v1", "ServiceAccount", "V1ServiceAccount"),
          kind("v1", "ConfigMap", "V1ConfigMap"),
          kind("v1", "Secret", "V1Secret"),
          kind("v1", "Namespace", "V1Namespace"),
          kind("v1", "PersistentVolumeClaim", "V1PersistentVolumeClaim"),
          kind("networking.k8s.io/v1", "NetworkPolicy", "V1NetworkPolicy"),
          kind("networking.k8s.io/v1", "Ingress", "V1Ingress"),
          kind("autoscaling/v2", "HorizontalPodAutoscaler", "V2HorizontalPodAutoscaler"),
          kind("policy/v1", "PodDisruptionBudget", "V1PodDisruptionBudget"),
          kind("rbac.authorization.k8s.io/v1", "Role", "V1Role"),
          kind("rbac.authorization.k8s.io/v1", "RoleBinding", "V1RoleBinding"));

  /** A Kubernetes resource quantity, as the API server parses it. */
  static final String QUANTITY_PATTERN =
      "^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+|[KMGTPE]i|[numkMGTPE])?$";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String MODELS = "io.kubernetes.client.openapi.models.";

  private KubernetesSchemaGenerator() {}

  private static String[] kind(String apiVersion, String kind, String model) {
    return new String[] {apiVersion, kind, model};
  }

  /** The file name of a kind's schema, e.g. deployment-apps-v1.json. */
  public static String fileName(String apiVersion, String kind) {
    return kind.toLowerCase() + "-" + apiVersion.replace('/', '-').replace(".", "-") + ".json";
  }

  /** Every schema file plus index.json, name to pretty-printed JSON. */
  public static Map<String, String> generateAll() throws Exception {
    ObjectMapper mapper =
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    Map<String, String> files = new TreeMap<>();
    ObjectNode index = JSON.objectNode();
    index.put("kubernetesVersion", KUBERNETES_VERSION);
    index.put("generatedFrom", SOURCE);
    index.put("generator", KubernetesSchemaGenerator.class.getName());
    ArrayNode kinds = index.putArray("kinds");
    for (String[] kind : KINDS) {
      ObjectNode schema = generate(kind[0], kind[1], Class.forName(MODELS + kind[2]));
      String file = fileName(kind[0], kind[1]);
      files.put(file, mapper.writeValueAsString(schema) + "\n");
      kinds.addObject().put("apiVersion", kind[0]).put("kind", kind[1]).put("file", file);
    }
    files.put("index.json", mapper.writeValueAsString(index) + "\n");
    return files;
  }

  /** One kind's self-contained schema: the root type inline, every other type in definitions. */
  static ObjectNode generate(String apiVersion, String kind, Class<?> root) throws Exception {
    Map<String, ObjectNode> definitions = new TreeMap<>();
    Deque<Class<?>> pending = new ArrayDeque<>();
    Set<String> seen = new TreeSet<>();
    ObjectNode schema = objectSchema(root, pending);
    schema.put("$schema", "http://json-schema.org/draft-07/schema#");
    schema.put("title", kind + " (" + apiVersion + ", Kubernetes " + KUBERNETES_VERSION + ")");
    ObjectNode properties = (ObjectNode) schema.get("properties");
    properties.set("apiVersion", JSON.objectNode().put("const", apiVersion));
    properties.set("kind", JSON.objectNode().put("const", kind));
    ArrayNode required = schema.withArray("required");
    Set<String> names = new TreeSet<>();
    required.forEach(n -> names.add(n.asText()));
    names.add("apiVersion");
    names.add("kind");
    required.removeAll();
    names.forEach(required::add);
    while (!pending.isEmpty()) {
      Class<?> type = pending.pop();
      if (seen.add(type.getSimpleName())) {
        definitions.put(type.getSimpleName(), objectSchema(type, pending));
      }
    }
    ObjectNode defs = schema.putObject("definitions");
    definitions.forEach(defs::set);
    return schema;
  }

  private static ObjectNode objectSchema(Class<?> type, Deque<Class<?>> pending) throws Exception {
    ObjectNode schema = JSON.objectNode();
    schema.put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    Map<String, Field> fields = new TreeMap<>();
    for (Field field : type.getDeclaredFields()) {
      SerializedName name = field.getAnnotation(SerializedName.class);
      if (name != null && !Modifier.isStatic(field.getModifiers())) {
        fields.put(name.value(), field);
      }
    }
    for (Map.Entry<String, Field> entry : fields.entrySet()) {
      properties.set(entry.getKey(), typeSchema(entry.getValue().getGenericType(), pending));
    }
    @SuppressWarnings("unchecked")
    Set<String> requiredFields = (Set<String>) type.getField("openapiRequiredFields").get(null);
    if (requiredFields != null && !requiredFields.isEmpty()) {
      ArrayNode required = schema.putArray("required");
      new TreeSet<>(requiredFields).forEach(required::add);
    }
    schema.put("additionalProperties", false);
    return schema;
  }

  private static ObjectNode typeSchema(Type type, Deque<Class<?>> pending) {
    if (type instanceof ParameterizedType parameterized) {
      Class<?> raw = (Class<?>) parameterized.getRawType();
      Type[] args = parameterized.getActualTypeArguments();
      if (List.class.isAssignableFrom(raw)) {
        ObjectNode array = JSON.objectNode().put("type", "array");
        array.set("items", typeSchema(args[0], pending));
        return array;
      }
      if (Map.class.isAssignableFrom(raw)) {
        ObjectNode map = JSON.objectNode().put("type", "object");
        map.set("additionalProperties", typeSchema(args[1], pending));
        return map;
      }
      throw new IllegalArgumentException("unexpected generic type " + type);
    }
    Class<?> cls = (Class<?>) type;
    Map<Class<?>, ObjectNode> simple = new LinkedHashMap<>();
    if (cls == String.class) {
      return JSON.objectNode().put("type", "string");
    }
    if (cls == Integer.class || cls == Long.class) {
      return JSON.objectNode().put("type", "integer");
    }
    if (cls == Double.class || cls == Float.class || cls == java.math.BigDecimal.class) {
      return JSON.objectNode().put("type", "number");
    }
    if (cls == Boolean.class) {
      return JSON.objectNode().put("type", "boolean");
    }
    if (cls == OffsetDateTime.class) {
      return JSON.objectNode().put("type", "string").put("format", "date-time");
    }
    if (cls == byte[].class) {
      return JSON.objectNode().put("type", "string");
    }
    if (cls == Object.class) {
      return JSON.objectNode();
    }
    if (cls.getSimpleName().equals("IntOrString")) {
      ObjectNode node = JSON.objectNode();
      node.putArray("type").add("integer").add("string");
      return node;
    }
    if (cls.getSimpleName().equals("Quantity")) {
      ObjectNode node = JSON.objectNode();
      node.putArray("type").add("string").add("number");
      node.put("pattern", QUANTITY_PATTERN);
      return node;
    }
    if (cls.getName().startsWith(MODELS)) {
      pending.push(cls);
      return JSON.objectNode().put("$ref", "#/definitions/" + cls.getSimpleName());
    }
    simple.clear();
    throw new IllegalArgumentException("no schema mapping for " + cls);
  }
}
