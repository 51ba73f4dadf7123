package io.github.kvchart.aibrix.core.helm;

/** Embedded Helm could not run, or refused the chart; the message is Helm's own, on one line. */
public class HelmException extends Exception {
  private static final long serialVersionUID = 1L;

  public HelmException(String message, Throwable cause) {
    super(message, cause);
  }
}
