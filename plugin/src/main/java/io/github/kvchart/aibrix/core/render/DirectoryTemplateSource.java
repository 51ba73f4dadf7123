package io.github.kvchart.aibrix.core.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Templates in a directory on disk. Symbolic links are not listed, and no name, include or import
 * may lead outside the directory, through a link or otherwise.
 */
public final class DirectoryTemplateSource implements TemplateSource {
  private final Path root;

  public DirectoryTemplateSource(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public List<String> names() throws IOException {
    if (!Files.isDirectory(root)) {
      throw new NoSuchFileException(root.toString(), null, "template directory does not exist");
    }
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
          .forEach(file -> names.add(root.relativize(file).toString().replace('\\', '/')));
    }
    names.sort(null);
    return names;
  }

  /** The largest template file read. */
  static final long MAX_TEMPLATE_BYTES = 1024 * 1024;

  /**
   * Reads a template, include or import; the name is resolved with every symbolic link followed and
   * must still lie inside the template directory, and the file may not exceed {@link
   * #MAX_TEMPLATE_BYTES}.
   */
  @Override
  public String read(String name) throws IOException {
    Path file = root.resolve(name).normalize();
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      throw new NoSuchFileException(name, null, "not a template in " + root);
    }
    Path real = file.toRealPath();
    if (!real.startsWith(root.toRealPath())) {
      throw new NoSuchFileException(
          name, null, "leads outside the template directory (to " + real + ") through a link");
    }
    long size = Files.size(real);
    if (size > MAX_TEMPLATE_BYTES) {
      throw new IOException(
          name + " has " + size + " bytes; a template may have at most " + MAX_TEMPLATE_BYTES);
    }
    return Files.readString(real, StandardCharsets.UTF_8);
  }

  @Override
  public String describe() {
    return root.toString();
  }
}
