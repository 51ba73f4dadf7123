package io.github.kvchart.aibrix.cli;

import java.util.Set;
import java.util.function.BiConsumer;

/** Reads {@code --name value}, {@code --name=value} and flags, for every command alike. */
final class Args {
  private Args() {}

  /**
   * Hands each argument after the command to {@code each} as (name, value): value is null for a
   * flag and for a positional argument (whose name is the argument itself).
   *
   * @param valued the options that take a value
   */
  static void read(String[] args, Set<String> valued, BiConsumer<String, String> each) {
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        value = arg.substring(eq + 1);
        arg = arg.substring(0, eq);
      } else if (valued.contains(arg)) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(arg + " wants a value");
        }
        value = args[++i];
      }
      if (value != null && !valued.contains(arg)) {
        throw new IllegalArgumentException(arg + " takes no value");
      }
      each.accept(arg, value);
    }
  }

  /** A whole number within [min, max], or a clear error naming the option. */
  static int number(String option, String value, int min, int max) {
    int number;
    try {
      number = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " wants a number, not '" + value + "'");
    }
    if (number < min || number > max) {
      throw new IllegalArgumentException(option + " must be " + min + " to " + max);
    }
    return number;
  }
}
