package sparkprop;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;

/**
 * Reaches package-private and private constructors and fields of sparkprop's result classes, so that
 * tests can make up a result without Spark rather than widen what the classes expose.
 */
public final class Internals {
  private Internals() {}

  /** A new {@code type} through its (only) constructor with {@code args.length} parameters. */
  @SuppressWarnings("unchecked")
  public static <T> T construct(Class<T> type, Object... args) throws ReflectiveOperationException {
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (c.getParameterCount() == args.length) {
        c.setAccessible(true);
        return (T) c.newInstance(args);
      }
    }
    throw new NoSuchMethodException(type + " with " + args.length + " parameters");
  }

  public static Object construct(String type, Object... args) throws ReflectiveOperationException {
    return construct(Class.forName(type), args);
  }

  public static Object get(Object o, String name) throws ReflectiveOperationException {
    return field(o.getClass(), name).get(o);
  }

  public static void set(Object o, String name, Object value) throws ReflectiveOperationException {
    field(o.getClass(), name).set(o, value);
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
      } catch (NoSuchFieldException e) {
        // look in the superclass
      }
    }
    throw new NoSuchFieldException(type + "." + name);
  }
}
