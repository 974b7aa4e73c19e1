package sparkprop.app;

import java.util.function.DoublePredicate;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import sparkprop.nn.Activation;
import sparkprop.nn.Init;
import sparkprop.nn.LossKind;
import sparkprop.nn.Precision;
import sparkprop.partition.ValidationSplit;
import sparkprop.read.DataFormat;

/**
 * picocli converters for option values, shared by every command. A number converter refuses a bad
 * value with a {@link TypeConversionException} that says what is wrong and the command line prefixes
 * the option's name; the domain types keep their own parsers ({@link Precision#parse}, …), whose
 * {@code BadInputException} already names the option and is shown as it is.
 */
public final class Converters {
  private Converters() {}

  /** A whole number; underscores may group digits (1_000_000), as in Java literals. */
  public static long wholeNumber(String v) {
    try {
      return Long.parseLong(v.trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + v + "' is not a whole number");
    }
  }

  public static long positiveLong(String v) {
    long n = wholeNumber(v);
    if (n <= 0) throw new TypeConversionException("must be positive, got " + v);
    return n;
  }

  public static int positiveInt(String v) {
    long n = positiveLong(v);
    if (n > Integer.MAX_VALUE) throw new TypeConversionException("too large: " + v);
    return (int) n;
  }

  public static final class WholeNumber implements ITypeConverter<Long> {
    @Override
    public Long convert(String v) {
      return wholeNumber(v);
    }
  }

  public static final class PositiveLong implements ITypeConverter<Long> {
    @Override
    public Long convert(String v) {
      return positiveLong(v);
    }
  }

  public static final class PositiveInt implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String v) {
      return positiveInt(v);
    }
  }

  public static final class NonNegativeInt implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String v) {
      long n = wholeNumber(v);
      if (n < 0 || n > Integer.MAX_VALUE) throw new TypeConversionException("must be 0 or more, got " + v);
      return (int) n;
    }
  }

  /**
   * 1 to {@link DataOptions#MAX_PARTITIONS}: refused while parsing, so that a mistyped count fails
   * in a second instead of after Spark has scheduled a million empty tasks.
   */
  public static final class Partitions implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String v) {
      int n = positiveInt(v);
      if (n > DataOptions.MAX_PARTITIONS) {
        throw new TypeConversionException(v + " is more than the maximum of " + DataOptions.MAX_PARTITIONS);
      }
      return n;
    }
  }

  /** {@code v} as a number {@code ok} accepts (NaN never is); else refused as "'v' is not WHAT". */
  private static double number(String v, DoublePredicate ok, String what) {
    try {
      double d = Double.parseDouble(v.trim());
      if (ok.test(d)) return d;
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new TypeConversionException("'" + v + "' is not " + what);
  }

  public static final class PositiveDouble implements ITypeConverter<Double> {
    @Override
    public Double convert(String v) {
      return number(v, d -> d > 0 && !Double.isInfinite(d), "a positive number");
    }
  }

  /** A finite number ≥ 0. */
  public static final class NonNegativeDouble implements ITypeConverter<Double> {
    @Override
    public Double convert(String v) {
      return number(v, d -> d >= 0 && !Double.isInfinite(d), "a number of 0 or more");
    }
  }

  /** A number in [0, 1). */
  public static final class Fraction implements ITypeConverter<Double> {
    @Override
    public Double convert(String v) {
      return number(v, d -> d >= 0 && d < 1, "a number in [0, 1)");
    }
  }

  /** {@code true} or {@code false}: such options take a value, so that a properties file can set them either way. */
  public static final class Bool implements ITypeConverter<Boolean> {
    @Override
    public Boolean convert(String v) {
      if (v.trim().equalsIgnoreCase("true")) return true;
      if (v.trim().equalsIgnoreCase("false")) return false;
      throw new TypeConversionException("'" + v + "' is not true or false");
    }
  }

  public static final class PrecisionName implements ITypeConverter<Precision> {
    @Override
    public Precision convert(String v) {
      return Precision.parse(v);
    }
  }

  public static final class ActivationName implements ITypeConverter<Activation> {
    @Override
    public Activation convert(String v) {
      return Activation.parse(v);
    }
  }

  public static final class LossName implements ITypeConverter<LossKind> {
    @Override
    public LossKind convert(String v) {
      return LossKind.parse(v);
    }
  }

  public static final class InitName implements ITypeConverter<Init> {
    @Override
    public Init convert(String v) {
      return Init.parse(v);
    }
  }

  public static final class FormatName implements ITypeConverter<DataFormat> {
    @Override
    public DataFormat convert(String v) {
      return DataFormat.parse(v);
    }
  }

  public static final class SplitSide implements ITypeConverter<ValidationSplit.Side> {
    @Override
    public ValidationSplit.Side convert(String v) {
      return ValidationSplit.Side.parse(v);
    }
  }
}
