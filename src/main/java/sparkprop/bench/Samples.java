package sparkprop.bench;

import java.util.Arrays;

/** Repeated timings (seconds) and their summary: median, quartiles, min and max. */
final class Samples {
  final double[] values;

  Samples(double[] values) {
    if (values.length == 0) throw new IllegalArgumentException("no samples");
    this.values = values.clone();
  }

  static Samples ofNanos(long[] nanos) {
    double[] s = new double[nanos.length];
    for (int k = 0; k < s.length; k++) s[k] = nanos[k] / 1e9;
    return new Samples(s);
  }

  double median() {
    return quantile(0.5);
  }

  double min() {
    return Arrays.stream(values).min().getAsDouble();
  }

  double max() {
    return Arrays.stream(values).max().getAsDouble();
  }

  /** Linear interpolation between order statistics (NumPy's default). */
  double quantile(double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double at = q * (sorted.length - 1);
    int lo = (int) Math.floor(at);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
  }

  int count() {
    return values.length;
  }
}
