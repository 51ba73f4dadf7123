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

/** Templates in a directory on disk. Symbolic links are ignored, so nothing outside is read. */
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

  @Override
  public String read(String name) throws IOException {
    Path file = root.resolve(name).normalize();
    if (!file.startsWith(root) || Files.isSymbolicLink(file)) {
      throw new NoSuchFileException(name, null, "outside the template directory");
    }
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  @Override
  public String describe() {
    return root.toString();
  }
}
