package io.github.kvchart.aibrix.core.render;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/** The templates packaged into the plugin jar (from chart-templates/ in this repository). */
public final class ClasspathTemplateSource implements TemplateSource {
  /** The class-path folder the build copies chart-templates/ into. */
  public static final String ROOT = "io/github/kvchart/aibrix/templates/";

  private final ClassLoader loader;

  public ClasspathTemplateSource() {
    this(ClasspathTemplateSource.class.getClassLoader());
  }

  ClasspathTemplateSource(ClassLoader loader) {
    this.loader = loader;
  }

  @Override
  public List<String> names() throws IOException {
    URL url = loader.getResource(ROOT);
    if (url == null) {
      throw new NoSuchFileException(ROOT, null, "the plugin jar has no templates");
    }
    if ("file".equals(url.getProtocol())) {
      try {
        return new DirectoryTemplateSource(Path.of(url.toURI())).names();
      } catch (URISyntaxException e) {
        throw new IOException("bad template location " + url, e);
      }
    }
    List<String> names = new ArrayList<>();
    JarURLConnection connection = (JarURLConnection) url.openConnection();
    connection.setUseCaches(false);
    try (JarFile jar = connection.getJarFile()) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        if (!entry.isDirectory() && entry.getName().startsWith(ROOT)) {
          names.add(entry.getName().substring(ROOT.length()));
        }
      }
    }
    names.sort(null);
    return names;
  }

  @Override
  public String read(String name) throws IOException {
    if (name.contains("..") || name.startsWith("/")) {
      throw new NoSuchFileException(name);
    }
    try (InputStream in = loader.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new NoSuchFileException(name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Override
  public String describe() {
    return "the plugin's built-in templates";
  }
}
