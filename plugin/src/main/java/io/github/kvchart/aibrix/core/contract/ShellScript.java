package io.github.kvchart.aibrix.core.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The commands of a POSIX shell script ({@code sh -c '...'}), split into words as the shell splits
 * them: quotes, backslashes and line continuations removed; commands end at {@code ; & | && ||},
 * newlines and parentheses; comments and redirections dropped.
 *
 * <p>Kubernetes expands $(VAR) in the script before the shell reads it; the script given here is
 * already expanded that way (by {@link VllmContainer#expand}), so a {@code $(NAME)} left in it is
 * an env entry from valueFrom or a command substitution. Each word's text is written back in
 * Kubernetes' expansion language, so that {@link VllmContainer#expand} reads it like an args entry:
 * a literal {@code $} is {@code $$}; {@code $NAME} or {@code ${NAME}} of an env entry with a value
 * is that value; a value the manifest does not give (valueFrom, a variable not in env, a command
 * substitution, a positional parameter) is {@code $(NAME)}, with NAME added to {@code opaque} (NAME
 * to what the script wrote) unless it is a valueFrom entry.
 */
final class ShellScript {
  private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "ash", "zsh", "ksh");

  /** Words that run the next word as the program (keywords, exec, env...). */
  private static final Set<String> PREFIXES =
      Set.of("exec", "env", "nohup", "time", "command", "then", "else", "do", "!", "{");

  private static final java.util.regex.Pattern ASSIGNMENT =
      java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", java.util.regex.Pattern.DOTALL);

  /** One word; {@code allArguments} when the word is exactly {@code "$@"}. */
  record Word(String text, boolean allArguments) {}

  private final String script;
  private final Map<String, VllmContainer.EnvEntry> env;
  private final Map<String, String> opaque;
  private final Set<String> referenced;
  private final List<List<Word>> commands = new ArrayList<>();
  private List<Word> command = new ArrayList<>();
  private final StringBuilder word = new StringBuilder();
  private boolean inWord;
  private boolean allArguments;
  private boolean redirectTarget;
  private int i;

  private ShellScript(
      String script,
      Map<String, VllmContainer.EnvEntry> env,
      Map<String, String> opaque,
      Set<String> referenced) {
    this.script = script;
    this.env = env;
    this.opaque = opaque;
    this.referenced = referenced;
  }

  /**
   * The commands of {@code script}, each a list of words. Names of env entries the script reads are
   * added to {@code referenced}.
   */
  static List<List<Word>> commands(
      String script,
      Map<String, VllmContainer.EnvEntry> env,
      Map<String, String> opaque,
      Set<String> referenced) {
    ShellScript reader = new ShellScript(script, env, opaque, referenced);
    reader.read();
    return reader.commands;
  }

  /**
   * The index of the script among a container's command and args entries, {@code sh -c SCRIPT} (any
   * shell, options before -c, {@code -o option} pairs skipped), or -1.
   */
  static int scriptIndex(List<VllmContainer.Token> items) {
    for (int i = 0; i < items.size(); i++) {
      String text = items.get(i).text();
      if (!SHELLS.contains(text.substring(text.lastIndexOf('/') + 1))) {
        continue;
      }
      for (int j = i + 1; j < items.size(); j++) {
        String option = items.get(j).text();
        if (option.length() < 2
            || (option.charAt(0) != '-' && option.charAt(0) != '+')
            || option.startsWith("--")) {
          break;
        }
        if (option.charAt(0) == '-' && option.indexOf('c') > 0) {
          return j + 1 < items.size() ? j + 1 : -1;
        }
        if (option.substring(1).equals("o")) {
          j++;
        }
      }
      return -1;
    }
    return -1;
  }

  /**
   * The index of the program a command runs, after keywords, {@code exec}, {@code env} and the like
   * and variable assignments, or -1 when there is none.
   */
  static int programIndex(List<Word> words) {
    int k = 0;
    while (k < words.size()
        && (PREFIXES.contains(words.get(k).text())
            || ASSIGNMENT.matcher(words.get(k).text()).matches())) {
      k++;
    }
    return k < words.size() ? k : -1;
  }

  private void read() {
    int n = script.length();
    while (i < n) {
      char c = script.charAt(i);
      switch (c) {
        case '\\' -> {
          if (i + 1 < n && script.charAt(i + 1) != '\n') {
            literal(script.charAt(i + 1));
          }
          i += 2;
        }
        case '\'' -> {
          int end = script.indexOf('\'', i + 1);
          end = end < 0 ? n : end;
          literal(script.substring(i + 1, end));
          i = end + 1;
        }
        case '"' -> doubleQuoted();
        case '$' -> dollar(false);
        case '`' -> backquote();
        case ' ', '\t', '\r' -> {
          endWord();
          i++;
        }
        case '\n', ';', '&', '|', '(', ')' -> {
          endWord();
          endCommand();
          i++;
        }
        case '<', '>' -> redirection();
        case '#' -> {
          if (inWord) {
            literal(c);
            i++;
          } else {
            int end = script.indexOf('\n', i);
            i = end < 0 ? n : end;
          }
        }
        default -> {
          literal(c);
          i++;
        }
      }
    }
    endWord();
    endCommand();
  }

  /** Inside "...": backslash escapes only $ ` " \ and newline; $ and ` still expand. */
  private void doubleQuoted() {
    inWord = true;
    i++;
    int n = script.length();
    while (i < n && script.charAt(i) != '"') {
      char c = script.charAt(i);
      if (c == '\\' && i + 1 < n && "$`\"\\\n".indexOf(script.charAt(i + 1)) >= 0) {
        if (script.charAt(i + 1) != '\n') {
          literal(script.charAt(i + 1));
        }
        i += 2;
      } else if (c == '$') {
        dollar(true);
      } else if (c == '`') {
        backquote();
      } else {
        literal(c);
        i++;
      }
    }
    i++;
  }

  private void dollar(boolean quoted) {
    int n = script.length();
    char next = i + 1 < n ? script.charAt(i + 1) : ' ';
    if (next == '{') {
      int end = script.indexOf('}', i + 2);
      end = end < 0 ? n : end;
      String inside = script.substring(i + 2, end);
      if (isName(inside)) {
        reference(inside, "${" + inside + "}");
      } else {
        unknown("${" + inside + "}");
      }
      i = end + 1;
    } else if (next == '(') {
      int end = closing(i + 1);
      String inside = script.substring(i + 2, Math.max(i + 2, end));
      VllmContainer.EnvEntry entry = env.get(inside);
      if (isName(inside) && entry != null && entry.fromReference()) {
        // an env entry from valueFrom, left for Kubernetes to expand
        referenced.add(inside);
        word.append("$(").append(inside).append(')');
        inWord = true;
      } else {
        unknown(script.substring(i, Math.min(n, end + 1)));
      }
      i = end + 1;
    } else if (isNameStart(next)) {
      int end = i + 1;
      while (end < n && isNamePart(script.charAt(end))) {
        end++;
      }
      String name = script.substring(i + 1, end);
      reference(name, "$" + name);
      i = end;
    } else if (next == '@' && word.length() == 0 && followedByWordEnd(i + 2, quoted)) {
      allArguments = true;
      inWord = true;
      i += 2;
    } else if ("@*#?$!-0123456789".indexOf(next) >= 0) {
      unknown("$" + next);
      i += 2;
    } else {
      literal('$');
      i++;
    }
  }

  /** Whether the word ends after "$@" (the closing quote, if quoted, then a break). */
  private boolean followedByWordEnd(int at, boolean quoted) {
    int n = script.length();
    if (quoted) {
      if (at >= n || script.charAt(at) != '"') {
        return false;
      }
      at++;
    }
    return at >= n || " \t\r\n;&|()<>".indexOf(script.charAt(at)) >= 0;
  }

  private void backquote() {
    int end = i + 1;
    int n = script.length();
    while (end < n && script.charAt(end) != '`') {
      end += script.charAt(end) == '\\' ? 2 : 1;
    }
    unknown(script.substring(i, Math.min(n, end + 1)));
    i = end + 1;
  }

  /** The index of the ')' closing the '(' at {@code open}, or the script's length. */
  private int closing(int open) {
    int depth = 0;
    int n = script.length();
    for (int at = open; at < n; at++) {
      char c = script.charAt(at);
      if (c == '\\') {
        at++;
      } else if (c == '\'') {
        int end = script.indexOf('\'', at + 1);
        at = end < 0 ? n : end;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return at;
      }
    }
    return n;
  }

  /** {@code <}, {@code >}, {@code >>}, {@code 2>&1}...: the operator and its target are dropped. */
  private void redirection() {
    if (inWord && isDigits(word)) {
      word.setLength(0);
      inWord = false;
    } else {
      endWord();
    }
    int n = script.length();
    while (i < n && "<>&|-".indexOf(script.charAt(i)) >= 0) {
      i++;
    }
    redirectTarget = true;
  }

  private void reference(String name, String written) {
    VllmContainer.EnvEntry entry = env.get(name);
    inWord = true;
    if (entry == null) {
      opaque.put(name, written);
      word.append("$(").append(name).append(')');
      return;
    }
    referenced.add(name);
    if (entry.fromReference()) {
      word.append("$(").append(name).append(')');
    } else {
      literal(entry.value());
    }
  }

  /** Text whose value only the running shell knows, kept as a reference to a name of its own. */
  private void unknown(String written) {
    String name = "shell_" + opaque.size();
    while (env.containsKey(name) || opaque.containsKey(name)) {
      name = name + "_";
    }
    opaque.put(name, written);
    word.append("$(").append(name).append(')');
    inWord = true;
  }

  private void literal(char c) {
    word.append(c == '$' ? "$$" : String.valueOf(c));
    inWord = true;
  }

  private void literal(String text) {
    word.append(text.replace("$", "$$"));
    inWord = true;
  }

  private void endWord() {
    if (inWord) {
      if (redirectTarget) {
        redirectTarget = false;
      } else {
        command.add(new Word(allArguments ? "" : word.toString(), allArguments));
      }
    }
    word.setLength(0);
    inWord = false;
    allArguments = false;
  }

  private void endCommand() {
    redirectTarget = false;
    if (!command.isEmpty()) {
      commands.add(List.copyOf(command));
      command = new ArrayList<>();
    }
  }

  private static boolean isDigits(CharSequence text) {
    for (int at = 0; at < text.length(); at++) {
      if (text.charAt(at) < '0' || text.charAt(at) > '9') {
        return false;
      }
    }
    return text.length() > 0;
  }

  private static boolean isName(String text) {
    if (text.isEmpty() || !isNameStart(text.charAt(0))) {
      return false;
    }
    for (int at = 1; at < text.length(); at++) {
      if (!isNamePart(text.charAt(at))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isNameStart(char c) {
    return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static boolean isNamePart(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }
}
