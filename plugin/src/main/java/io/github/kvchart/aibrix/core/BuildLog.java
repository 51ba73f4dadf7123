package io.github.kvchart.aibrix.core;

/** The core's only way to talk to the user; the Maven layer adapts it to the Mojo log. */
public interface BuildLog {
  void info(String message);

  void warn(String message);

  void debug(String message);

  /** A log that drops everything, for tests and embedded use. */
  BuildLog SILENT =
      new BuildLog() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}

        @Override
        public void debug(String message) {}
      };
}
