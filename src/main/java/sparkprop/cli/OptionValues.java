package sparkprop.cli;

import java.util.Locale;
import sparkprop.BadInputException;

/** Parses option values, refusing a bad one with a one-line message that names the option. */
public final class OptionValues {
  private OptionValues() {}

  public static long parseLong(String name, String v) {
    try {
      return Long.parseLong(v.trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new BadInputException("--" + name + ": '" + v + "' is not a whole number");
    }
  }

  public static long positiveLong(String name, String v) {
    long n = parseLong(name, v);
    if (n <= 0) throw new BadInputException("--" + name + ": must be positive, got " + v);
    return n;
  }

  public static int positiveInt(String name, String v) {
    long n = positiveLong(name, v);
    if (n > Integer.MAX_VALUE) throw new BadInputException("--" + name + ": too large: " + v);
    return (int) n;
  }

  public static int nonNegativeInt(String name, String v) {
    long n = parseLong(name, v);
    if (n < 0 || n > Integer.MAX_VALUE) throw new BadInputException("--" + name + ": must be 0 or more, got " + v);
    return (int) n;
  }

  public static double positiveDouble(String name, String v) {
    try {
      double d = Double.parseDouble(v.trim());
      if (!(d > 0) || Double.isInfinite(d)) throw new NumberFormatException();
      return d;
    } catch (NumberFormatException e) {
      throw new BadInputException("--" + name + ": '" + v + "' is not a positive number");
    }
  }

  /** A number in [0, 1). */
  public static double fraction(String name, String v) {
    try {
      double d = Double.parseDouble(v.trim());
      if (!(d >= 0 && d < 1)) throw new NumberFormatException();
      return d;
    } catch (NumberFormatException e) {
      throw new BadInputException("--" + name + ": '" + v + "' is not a number in [0, 1)");
    }
  }

  public static boolean parseBoolean(String name, String v) {
    if (v.trim().equalsIgnoreCase("true")) return true;
    if (v.trim().equalsIgnoreCase("false")) return false;
    throw new BadInputException("--" + name + ": '" + v + "' is not true or false");
  }

  /** One of {@code allowed}, case-insensitively, returned in lower case. */
  public static String choice(String name, String v, String... allowed) {
    String t = v.trim().toLowerCase(Locale.ROOT);
    for (String a : allowed) if (a.equals(t)) return t;
    throw new BadInputException("--" + name + ": '" + v + "' is not one of " + String.join(", ", allowed));
  }
}
