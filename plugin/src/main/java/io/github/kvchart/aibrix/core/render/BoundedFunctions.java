package io.github.kvchart.aibrix.core.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.CenterFilter;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.filter.IndentFilter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * Jinjava's filters and functions that can build huge values from a tiny template, with limits: a
 * template that asks for more fails with a clear message instead of exhausting memory, and {@code
 * range} fails instead of being silently cut short (Jinjava's own stops at 1,000 items).
 */
public final class BoundedFunctions {
  /** The widest {@code center}, the deepest {@code indent} and the longest {@code range}. */
  static final int MAX_WIDTH = 10_000;

  static final int MAX_INDENT = 1_000;
  static final int MAX_RANGE = 100_000;

  private BoundedFunctions() {}

  /** The filters that replace Jinjava's unbounded ones. */
  static List<Filter> filters() {
    return List.of(
        bounded(new CenterFilter(), MAX_WIDTH, "center"),
        bounded(new IndentFilter(), MAX_INDENT, "indent"));
  }

  /** The {@code range} function, with Python's arguments, failing beyond {@link #MAX_RANGE}. */
  static ELFunctionDefinition rangeFunction() {
    return new ELFunctionDefinition(
        "", "range", BoundedFunctions.class, "range", Object.class, Object[].class);
  }

  public static List<Long> range(Object first, Object... rest) {
    long start = 0;
    long end;
    long step = 1;
    if (rest == null || rest.length == 0) {
      end = number(first);
    } else {
      start = number(first);
      end = number(rest[0]);
      if (rest.length > 1) {
        step = number(rest[1]);
      }
    }
    if (step == 0) {
      throw new IllegalArgumentException("range() step must not be 0");
    }
    long count =
        step > 0
            ? Math.max(0, ceilDiv(end - start, step))
            : Math.max(0, ceilDiv(start - end, -step));
    if (count > MAX_RANGE) {
      throw new IllegalArgumentException(
          "range() would make " + count + " items; templates may make at most " + MAX_RANGE);
    }
    List<Long> items = new ArrayList<>((int) count);
    for (long value = start, i = 0; i < count; i++, value += step) {
      items.add(value);
    }
    return items;
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  private static long number(Object value) {
    if (value instanceof Number number) {
      return number.longValue();
    }
    try {
      return Long.parseLong(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("range() takes whole numbers, not '" + value + "'");
    }
  }

  private static Filter bounded(Filter inner, int limit, String name) {
    return new Filter() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        if (args.length > 0 && args[0] != null) {
          long width;
          try {
            width = Long.parseLong(args[0].trim());
          } catch (NumberFormatException e) {
            width = 0;
          }
          if (width > limit || width < 0) {
            throw new IllegalArgumentException(
                name + "(" + args[0] + ") is beyond the limit of " + limit + " for templates");
          }
        }
        return inner.filter(var, interpreter, args);
      }
    };
  }
}
