package io.github.kvchart.aibrix.bench;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Eclipse JKube's ResourceValidator (jkube-kit-common 1.19.0) loaded in its own class loader from
 * its own class path (it needs networknt 1.5.9), driven through its public constructor and
 * validate(), one document per file. Also the cached variant: the same networknt, JKube's schemas
 * compiled once per kind, documents read the way JKube reads them.
 */
final class JkubePeer implements AutoCloseable {
  private final URLClassLoader loader;
  private final Class<?> validatorClass;
  private final Constructor<?> constructor;
  private final Object classifier;
  private final Object logger;

  JkubePeer(Path classpathFile) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : Files.readString(classpathFile).trim().split(File.pathSeparator)) {
      urls.add(new File(entry).toURI().toURL());
    }
    loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    validatorClass =
        Class.forName(
            "org.eclipse.jkube.kit.common.util.validator.ResourceValidator", true, loader);
    Class<?> classifierClass =
        Class.forName("org.eclipse.jkube.kit.common.util.ResourceClassifier", true, loader);
    Class<?> loggerClass = Class.forName("org.eclipse.jkube.kit.common.KitLogger", true, loader);
    constructor = validatorClass.getConstructor(File.class, classifierClass, loggerClass);
    classifier = classifierClass.getMethod("valueOf", String.class).invoke(null, "KUBERNETES");
    logger =
        Class.forName("org.eclipse.jkube.kit.common.KitLogger$SilentLogger", true, loader)
            .getConstructor()
            .newInstance();
  }

  /** JKube's public constructor: the file, the KUBERNETES classifier and a silent logger. */
  private Object newValidator(Path file) throws Exception {
    return constructor.newInstance(file.toFile(), classifier, logger);
  }

  /**
   * JKube as shipped: a new validator per file, validate() (which compiles its schemas each time).
   */
  void validateAsShipped(List<Path> files) throws Exception {
    Method validate = validatorClass.getMethod("validate");
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(loader);
    try {
      for (Path file : files) {
        Object validator = newValidator(file);
        validate.invoke(validator);
      }
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  /**
   * The cached peer: every JKube schema compiled once per kind, then only reading and validating.
   */
  final class Cached {
    private final Object validator;
    private final Method read;
    private final Method schemaFor;
    private final List<URL> schemaUrls;
    private final Map<String, List<Object>> schemas = new HashMap<>();
    private Method validateNode;

    Cached(Path anyFile) throws Exception {
      validator = newValidator(anyFile);
      read = validatorClass.getDeclaredMethod("geFileContent", File.class);
      read.setAccessible(true);
      schemaFor = validatorClass.getDeclaredMethod("getJsonSchema", URL.class, String.class);
      schemaFor.setAccessible(true);
      schemaUrls = Collections.list(loader.getResources("schema/validation-schema.json"));
    }

    void validate(List<Path> files) throws Exception {
      for (Path file : files) {
        Object node = read.invoke(validator, file.toFile());
        Method get = node.getClass().getMethod("get", String.class);
        String kind = String.valueOf(get.invoke(node, "kind"));
        List<Object> compiled = schemas.get(kind);
        if (compiled == null) {
          compiled = new ArrayList<>();
          for (URL url : schemaUrls) {
            compiled.add(schemaFor.invoke(validator, url, kind.replace("\"", "")));
          }
          schemas.put(kind, compiled);
        }
        for (Object schema : compiled) {
          if (validateNode == null) {
            validateNode =
                schema
                    .getClass()
                    .getMethod(
                        "validate", loader.loadClass("com.fasterxml.jackson.databind.JsonNode"));
          }
          validateNode.invoke(schema, node);
        }
      }
    }
  }

  @Override
  public void close() throws Exception {
    loader.close();
  }
}
