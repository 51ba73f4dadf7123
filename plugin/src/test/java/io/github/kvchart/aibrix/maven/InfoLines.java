package io.github.kvchart.aibrix.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.logging.SystemStreamLog;

/** The info lines a goal logs, for tests that ask whether it skipped its work as up to date. */
final class InfoLines {
  private final List<String> said = new ArrayList<>();
  private final String skipLine;

  /**
   * Captures {@code mojo}'s info lines; a run was skipped when one starts with {@code skipLine}.
   */
  InfoLines(AbstractMojo mojo, String skipLine) {
    this.skipLine = skipLine;
    mojo.setLog(
        new SystemStreamLog() {
          @Override
          public void info(CharSequence content) {
            said.add(content.toString());
          }
        });
  }

  /** Runs the goal and tells whether it skipped its work. */
  boolean skipped(AbstractMojo mojo) throws Exception {
    said.clear();
    mojo.execute();
    return saidSkip();
  }

  /** Whether the lines since the last {@link #clear()} include the skip line. */
  boolean saidSkip() {
    return said.stream().anyMatch(s -> s.startsWith(skipLine));
  }

  void clear() {
    said.clear();
  }
}
