package io.github.kvchart.aibrix.core.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/**
 * The project's generator of Kubernetes JSON schemas (draft-07) for every built-in kind of every
 * shipped minor. It reads io.kubernetes:client-java-api ({@link #MINORS}), whose classes are
 * generated from the official OpenAPI spec:
 *
 * <ul>
 *   <li>the kinds and their apiVersion come from the API classes ({@code AppsV1Api}, ...): the
 *       request paths they hold name the group and version ({@code /apis/apps/v1/...}), and their
 *       {@code create...}/{@code list...} operations name the kinds a client can write or list;
 *   <li>each kind's fields, field types and required fields come from its model class.
 * </ul>
 *
 * Every object is closed ({@code additionalProperties: false}) so a typo is an error; IntOrString
 * and Quantity accept what the API server accepts, and integers are bounded to the int32 or int64
 * their Go field holds. Each kind's schema is self-contained and named by its content hash, so a
 * schema that did not change between minors is stored once.
 */
public final class KubernetesSchemaGenerator {
  /**
   * The minors we ship and the client-java-api major generated from each. Read from the jars
   * themselves, not assumed: 21 already has 1.30's AppArmor fields, 23 lacks flowcontrol v1beta3
   * (removed in 1.32) and has 1.32's pod-level resources, 26 has 1.35's scheduling v1alpha1
   * Workload and 27 the v1alpha2 of 1.36. No client was generated from 1.29.
   */
  public static final Map<String, Integer> MINORS = new java.util.LinkedHashMap<>();

  /**
   * Fields the OpenAPI definitions mark required but the API server does not require, so a schema
   * that required them would be stricter than the server. It defaults a binding's roleRef.apiGroup
   * before it validates (SetDefaults_RoleBinding, SetDefaults_ClusterRoleBinding in
   * pkg/apis/rbac/v1/defaults.go); ValidateStatefulSetSpec never reads serviceName (the OpenAPI
   * made it optional in 1.33); a NetworkPolicy's podSelector is a struct whose zero value selects
   * every pod of the namespace (optional in the OpenAPI from 1.35); ValidatePriorityClass takes any
   * value, 0 included; validateHTTPGetAction checks a probe header's name, not its value.
   */
  static final Map<String, Set<String>> NOT_REQUIRED_BY_SERVER =
      Map.of(
          "V1RoleRef", Set.of("apiGroup"),
          "V1StatefulSetSpec", Set.of("serviceName"),
          "V1NetworkPolicySpec", Set.of("podSelector"),
          "V1PriorityClass", Set.of("value"),
          "V1HTTPHeader", Set.of("value"));

  static {
    MINORS.put("1.28", 20);
    MINORS.put("1.30", 21);
    MINORS.put("1.31", 22);
    MINORS.put("1.32", 23);
    MINORS.put("1.33", 24);
    MINORS.put("1.34", 25);
    MINORS.put("1.35", 26);
    MINORS.put("1.36", 27);
  }

  /** Minors between the first and the last that have no official definitions, and why. */
  public static final Map<String, String> NOT_SHIPPED =
      Map.of(
          "1.29",
          "no official API definitions were generated for it (io.kubernetes:client-java-api went"
              + " from 1.28 to 1.30)");

  /** A Kubernetes resource quantity, as the API server parses it. */
  static final String QUANTITY_PATTERN =
      "^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+|[KMGTPE]i|[numkMGTPE])?$";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String MODELS = "io.kubernetes.client.openapi.models.";
  private static final String APIS = "io/kubernetes/client/openapi/apis/";
  private static final Pattern PATH = Pattern.compile("^/(api/v1|apis/([^/{}]+)/([^/{}]+))/.*");
  private static final Pattern OPERATION =
      Pattern.compile("^(create|list)(Namespaced)?([A-Z][A-Za-z0-9]*?)(ForAllNamespaces)?$");

  private KubernetesSchemaGenerator() {}

  /**
   * Every file under schemas/kubernetes/: {@code kinds/<kind>-<group-version>-<hash>.json} and one
   * {@code v1.NN.json} index per minor, plus {@code index.json} listing the minors.
   */
  public static Map<String, String> generateAll(Path jars) throws Exception {
    ObjectMapper compact =
        new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    ObjectMapper pretty =
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    Map<String, String> files = new TreeMap<>();
    ObjectNode top = JSON.objectNode();
    top.put("generator", KubernetesSchemaGenerator.class.getName());
    ArrayNode minors = top.putArray("minors");
    ObjectNode notShipped = top.putObject("notShipped");
    NOT_SHIPPED.forEach(notShipped::put);
    // The first and last shipped minor that serves each apiVersion and kind: what api-removed and
    // api-deprecated are derived from.
    Map<String, String[]> served = new TreeMap<>();
    for (Map.Entry<String, Integer> shipped : MINORS.entrySet()) {
      String minor = shipped.getKey();
      String source = "io.kubernetes:client-java-api:" + shipped.getValue() + ".0.0";
      Path jar = jars.resolve("client-java-api-" + shipped.getValue() + ".0.0.jar");
      ObjectNode index = JSON.objectNode();
      index.put("kubernetesVersion", minor);
      index.put("generatedFrom", source);
      ArrayNode kinds = index.putArray("kinds");
      try (URLClassLoader loader = isolated(jar)) {
        for (Map.Entry<String, String> kind : kinds(jar, loader).entrySet()) {
          String[] gvk = kind.getKey().split("\\|");
          ObjectNode schema = generate(gvk[0], gvk[1], loader.loadClass(MODELS + kind.getValue()));
          String text = compact.writeValueAsString(schema) + "\n";
          String file =
              "kinds/"
                  + (gvk[1] + "-" + gvk[0]).toLowerCase().replaceAll("[^a-z0-9]+", "-")
                  + "-"
                  + sha(text).substring(0, 12)
                  + ".json";
          files.put(file, text);
          kinds.addObject().put("apiVersion", gvk[0]).put("kind", gvk[1]).put("file", file);
          served.computeIfAbsent(kind.getKey(), k -> new String[] {minor, minor})[1] = minor;
        }
      }
      files.put("v" + minor + ".json", pretty.writeValueAsString(index) + "\n");
      minors.add(minor);
    }
    ObjectNode range = top.putObject("served");
    served.forEach((gvk, span) -> range.putArray(gvk).add(span[0]).add(span[1]));
    files.put("index.json", pretty.writeValueAsString(top) + "\n");
    return files;
  }

  /**
   * The kinds of one client-java-api jar: "apiVersion|kind" to model class name, in order. A kind
   * is what an API class can create or list, with a model class that has apiVersion, kind and
   * metadata fields.
   */
  static Map<String, String> kinds(Path jar, ClassLoader loader) throws Exception {
    Map<String, String> kinds = new TreeMap<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (var entry : java.util.Collections.list(zip.entries())) {
        String name = entry.getName();
        if (!name.startsWith(APIS) || !name.endsWith("Api.class") || name.contains("$")) {
          continue;
        }
        List<String> strings;
        try (var in = zip.getInputStream(entry)) {
          strings = utf8Constants(in.readAllBytes());
        }
        String apiVersion = apiVersion(strings);
        if (apiVersion == null) {
          continue;
        }
        String api = name.substring(APIS.length(), name.length() - "Api.class".length());
        String version = apiVersion.substring(apiVersion.lastIndexOf('/') + 1);
        String prefix = Character.toUpperCase(version.charAt(0)) + version.substring(1);
        for (String string : strings) {
          Matcher operation = OPERATION.matcher(string);
          if (!operation.matches()) {
            continue;
          }
          String kind = operation.group(3);
          for (String model : List.of(prefix + kind, api + kind)) {
            if (isKind(loader, model)) {
              kinds.putIfAbsent(apiVersion + "|" + kind, model);
              break;
            }
          }
        }
      }
    }
    return kinds;
  }

  private static boolean isKind(ClassLoader loader, String model) {
    try {
      Class<?> type = loader.loadClass(MODELS + model);
      Set<String> fields = new TreeSet<>();
      for (Field field : type.getDeclaredFields()) {
        String json = serializedName(field);
        if (json != null) {
          fields.add(json);
        }
      }
      return fields.containsAll(List.of("apiVersion", "kind", "metadata"))
          && !fields.contains("items");
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** The group/version every request path of an API class shares, e.g. apps/v1 or v1. */
  private static String apiVersion(List<String> strings) {
    Set<String> found = new TreeSet<>();
    for (String string : strings) {
      Matcher path = PATH.matcher(string);
      if (path.matches()) {
        found.add(path.group(2) == null ? "v1" : path.group(2) + "/" + path.group(3));
      }
    }
    return found.size() == 1 ? found.iterator().next() : null;
  }

  /** The CONSTANT_Utf8 entries of a class file (JVMS 4.4). */
  static List<String> utf8Constants(byte[] classFile) throws IOException {
    List<String> strings = new ArrayList<>();
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    in.readInt();
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> strings.add(in.readUTF());
        case 7, 8, 16, 19, 20 -> in.skipBytes(2);
        case 15 -> in.skipBytes(3);
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
        case 5, 6 -> {
          in.skipBytes(8);
          i++;
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    return strings;
  }

  /** A loader for one jar's io.kubernetes classes; everything else (Gson, the JDK) from ours. */
  private static URLClassLoader isolated(Path jar) throws IOException {
    ClassLoader parent =
        new ClassLoader(KubernetesSchemaGenerator.class.getClassLoader()) {
          @Override
          protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.kubernetes.")) {
              throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
          }
        };
    return new URLClassLoader(new URL[] {jar.toUri().toURL()}, parent);
  }

  /** One kind's self-contained schema: the root type inline, every other type in definitions. */
  static ObjectNode generate(String apiVersion, String kind, Class<?> root) throws Exception {
    Map<String, ObjectNode> definitions = new TreeMap<>();
    Deque<Class<?>> pending = new ArrayDeque<>();
    Set<String> seen = new TreeSet<>();
    ObjectNode schema = objectSchema(root, pending);
    schema.put("$schema", "http://json-schema.org/draft-07/schema#");
    schema.put("title", kind + " (" + apiVersion + ")");
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

  private static String serializedName(Field field) {
    if (Modifier.isStatic(field.getModifiers())) {
      return null;
    }
    for (Annotation annotation : field.getAnnotations()) {
      if (annotation
          .annotationType()
          .getName()
          .equals("com.google.gson.annotations.SerializedName")) {
        return ((com.google.gson.annotations.SerializedName) annotation).value();
      }
    }
    return null;
  }

  private static ObjectNode objectSchema(Class<?> type, Deque<Class<?>> pending) throws Exception {
    ObjectNode schema = JSON.objectNode();
    schema.put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    Map<String, Field> fields = new TreeMap<>();
    for (Field field : type.getDeclaredFields()) {
      String name = serializedName(field);
      if (name != null) {
        fields.put(name, field);
      }
    }
    for (Map.Entry<String, Field> entry : fields.entrySet()) {
      properties.set(entry.getKey(), typeSchema(entry.getValue().getGenericType(), pending));
    }
    @SuppressWarnings("unchecked")
    Set<String> requiredFields = (Set<String>) type.getField("openapiRequiredFields").get(null);
    Set<String> required = requiredFields == null ? new TreeSet<>() : new TreeSet<>(requiredFields);
    required.removeAll(NOT_REQUIRED_BY_SERVER.getOrDefault(type.getSimpleName(), Set.of()));
    if (!required.isEmpty()) {
      ArrayNode list = schema.putArray("required");
      required.forEach(list::add);
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
    if (cls == String.class || cls == byte[].class) {
      return JSON.objectNode().put("type", "string");
    }
    if (cls == Integer.class) {
      return bounded(
          JSON.objectNode().put("type", "integer"), Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
    if (cls == Long.class) {
      return bounded(JSON.objectNode().put("type", "integer"), Long.MIN_VALUE, Long.MAX_VALUE);
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
    if (cls == Object.class) {
      return JSON.objectNode();
    }
    if (cls.getSimpleName().equals("IntOrString")) {
      ObjectNode node = JSON.objectNode();
      node.putArray("type").add("integer").add("string");
      // its number is decoded into an int32 (apimachinery's intstr.IntOrString.IntVal)
      return bounded(node, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
    if (cls.getSimpleName().equals("Quantity")) {
      ObjectNode node = JSON.objectNode();
      node.putArray("type").add("string").add("number");
      node.put("pattern", QUANTITY_PATTERN);
      return node;
    }
    if (cls.getName().startsWith(MODELS)) {
      if (cls.isEnum()) {
        return JSON.objectNode().put("type", "string");
      }
      pending.push(cls);
      return JSON.objectNode().put("$ref", "#/definitions/" + cls.getSimpleName());
    }
    throw new IllegalArgumentException("no schema mapping for " + cls);
  }

  private static String sha(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * {@code node} bounded as the API server decodes it: into an int32 or int64 Go field, where a
   * number that does not fit fails the request ("cannot unmarshal number ... of type int32";
   * encoding/json's literalStore, as vendored in sigs.k8s.io/json). The client's model types say
   * which: Integer for the OpenAPI's int32, Long for int64.
   */
  private static ObjectNode bounded(ObjectNode node, long minimum, long maximum) {
    return node.put("minimum", minimum).put("maximum", maximum);
  }
}
