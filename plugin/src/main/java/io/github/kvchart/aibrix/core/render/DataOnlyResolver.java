package io.github.kvchart.aibrix.core.render;

import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELException;
import jinjava.javax.el.ELResolver;

/**
 * The template sandbox. Templates may read map entries and list items, and use Jinjava's own
 * helpers (loop, filters); a property of any other object, or a method call on a value ({@code
 * name.getClass()}, {@code name.toUpperCase()}), is an error. Jinjava's own sandbox is a deny-list;
 * this is an allow-list.
 */
final class DataOnlyResolver extends ELResolver {
  private final ELResolver delegate = JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY;

  private static boolean isData(Object base) {
    return base == null
        || base instanceof Map
        || base instanceof List
        || base.getClass().isArray()
        || isEngine(base);
  }

  /** Jinjava's own objects (loop, filters, functions), which templates use through the engine. */
  private static boolean isEngine(Object base) {
    return base instanceof com.hubspot.jinjava.lib.filter.Filter
        || base.getClass().getName().startsWith("com.hubspot.jinjava.");
  }

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    if (!isData(base)) {
      throw new ELException(
          "templates see data only: '"
              + property
              + "' of a "
              + kind(base)
              + " is not available (use a filter instead)");
    }
    return delegate.getValue(context, base, property);
  }

  @Override
  public Object invoke(
      ELContext context, Object base, Object method, Class<?>[] types, Object[] params) {
    if (base != null && !isEngine(base)) {
      throw new ELException(
          "templates see data only: calling "
              + method
              + "() on a "
              + kind(base)
              + " is not allowed (use a filter instead)");
    }
    return delegate.invoke(context, base, method, types, params);
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    return isData(base) ? delegate.getType(context, base, property) : null;
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
    throw new ELException("templates cannot change data");
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    return true;
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return isData(base) ? delegate.getFeatureDescriptors(context, base) : null;
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return isData(base) ? delegate.getCommonPropertyType(context, base) : null;
  }

  private static String kind(Object base) {
    if (base instanceof String) {
      return "string";
    }
    if (base instanceof Number) {
      return "number";
    }
    if (base instanceof Boolean) {
      return "boolean";
    }
    return "value";
  }
}
