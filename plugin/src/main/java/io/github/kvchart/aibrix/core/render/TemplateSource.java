package io.github.kvchart.aibrix.core.render;

import java.io.IOException;
import java.util.List;

/** A set of templates addressed by relative, '/'-separated names. */
public interface TemplateSource {
  /** Every template name, sorted. */
  List<String> names() throws IOException;

  /** The text of one template; throws NoSuchFileException when absent. */
  String read(String name) throws IOException;

  /** How messages name this source (a directory, or "the plugin's built-in templates"). */
  String describe();
}
