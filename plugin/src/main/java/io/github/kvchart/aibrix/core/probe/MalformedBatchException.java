package io.github.kvchart.aibrix.core.probe;

/** A payload that is not an event batch in either wire format. */
public final class MalformedBatchException extends Exception {
  public MalformedBatchException(String message) {
    super(message);
  }
}
