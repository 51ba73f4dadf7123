package io.github.kvchart.aibrix.core;

/**
 * A mistake in what the user gave us (a models file, a parameter, a template). It names where, what
 * is wrong and how to fix it; the Maven layer turns it into a build failure without a stack trace.
 */
public class InvalidInputException extends Exception {
  private static final long serialVersionUID = 1L;

  private final SourceLocation location;
  private final String problem;
  private final String fix;

  public InvalidInputException(SourceLocation location, String problem, String fix) {
    this(location, problem, fix, null);
  }

  public InvalidInputException(
      SourceLocation location, String problem, String fix, Throwable cause) {
    super(format(location, problem, fix), cause);
    this.location = location;
    this.problem = problem;
    this.fix = fix;
  }

  private InvalidInputException(String message, InvalidInputException first) {
    super(message, null);
    this.location = first.location;
    this.problem = first.problem;
    this.fix = first.fix;
  }

  /**
   * All of {@code errors} as one: the message lists each on its own line (the first one's location,
   * problem and fix are this exception's); a single error is returned as it is.
   */
  public static InvalidInputException combined(java.util.List<InvalidInputException> errors) {
    if (errors.size() == 1) {
      return errors.get(0);
    }
    StringBuilder message = new StringBuilder().append(errors.size()).append(" errors:");
    for (InvalidInputException error : errors) {
      message.append("\n").append(error.getMessage());
    }
    return new InvalidInputException(message.toString(), errors.get(0));
  }

  private static String format(SourceLocation location, String problem, String fix) {
    StringBuilder text = new StringBuilder();
    if (location != null) {
      text.append(location).append(": ");
    }
    text.append(problem);
    if (fix != null && !fix.isEmpty()) {
      text.append(" Fix: ").append(fix);
    }
    return text.toString();
  }

  public SourceLocation location() {
    return location;
  }

  public String problem() {
    return problem;
  }

  public String fix() {
    return fix;
  }
}
