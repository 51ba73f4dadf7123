package io.github.kvchart.aibrix.core;

/** A place in an input file: the file as the user named it, and a 1-based line and column. */
public record SourceLocation(String file, int line, int column) {

  /** A location for a whole file, when no line applies. */
  public static SourceLocation ofFile(String file) {
    return new SourceLocation(file, 0, 0);
  }

  @Override
  public String toString() {
    if (line <= 0) {
      return file;
    }
    return column > 0 ? file + ":" + line + ":" + column : file + ":" + line;
  }
}
