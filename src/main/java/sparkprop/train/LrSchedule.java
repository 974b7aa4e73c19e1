package sparkprop.train;

import java.util.Locale;

/**
 * {@code --lr-schedule}: the learning rate of step s (0-based), as PyTorch's schedulers define it in
 * closed form with {@code last_epoch = s}, after an optional linear warm-up:
 *
 * <pre>
 *   warm-up (s &lt; W):  η(s) = lr · (s + 1) / W                          (lr/W at step 0, lr at step W−1)
 *   then u = s − W (the schedule's own step count starts when the warm-up ends):
 *   constant:         η = lr
 *   cosine:           η = lr_min + (lr − lr_min) · (1 + cos(π·u / T)) / 2     (CosineAnnealingLR, T_max = T)
 *   step:             η = lr · γ^⌊u / K⌋                                    (StepLR, step_size = K)
 * </pre>
 *
 * The rate never depends on the run's step count, so a run resumed with a larger {@code --steps}
 * and a run cut short at step B take the same steps as the longer run. Like PyTorch's closed form,
 * the cosine does not stop at T: past T it rises again (its period is 2T).
 */
final class LrSchedule {
  /** {@code --lr-schedule}'s names. */
  enum Kind {
    CONSTANT,
    COSINE,
    STEP;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** picocli's converter: a bad name is exit 2 with one line. */
    static final class Converter implements picocli.CommandLine.ITypeConverter<Kind> {
      @Override
      public Kind convert(String v) {
        for (Kind k : values()) {
          if (k.label().equals(v)) return k;
        }
        throw new picocli.CommandLine.TypeConversionException("unknown schedule '" + v + "' (expected constant, cosine or step)");
      }
    }
  }

  final Kind kind;
  final double lr;
  final long period;
  final double lrMin;
  final double gamma;
  final long stepEvery;
  final long warmup;

  private LrSchedule(Kind kind, double lr, long period, double lrMin, double gamma, long stepEvery, long warmup) {
    this.kind = kind;
    this.lr = lr;
    this.period = period;
    this.lrMin = lrMin;
    this.gamma = gamma;
    this.stepEvery = stepEvery;
    this.warmup = warmup;
  }

  static LrSchedule constant(double lr) {
    return new LrSchedule(Kind.CONSTANT, lr, 0, 0, 1, 0, 0);
  }

  /** cosine from lr down to lrMin over {@code period} steps (CosineAnnealingLR with T_max = period, eta_min = lrMin). */
  static LrSchedule cosine(double lr, long period, double lrMin) {
    return new LrSchedule(Kind.COSINE, lr, period, lrMin, 1, 0, 0);
  }

  /** lr · γ^⌊s / every⌋ (StepLR with step_size = every). */
  static LrSchedule step(double lr, double gamma, long every) {
    return new LrSchedule(Kind.STEP, lr, 0, 0, gamma, every, 0);
  }

  /** This schedule after a linear warm-up of {@code steps} steps (0: none). */
  LrSchedule withWarmup(long steps) {
    return new LrSchedule(kind, lr, period, lrMin, gamma, stepEvery, steps);
  }

  /** The schedule {@code o} asks for (the options are assumed checked, {@link TrainOptionsCheck}). */
  static LrSchedule of(TrainOptions o) {
    LrSchedule s = switch (o.lrSchedule) {
      case CONSTANT -> constant(o.lr());
      case COSINE -> cosine(o.lr(), o.lrPeriod, o.lrMin);
      case STEP -> step(o.lr(), o.lrGamma(), o.lrStepEvery);
    };
    return s.withWarmup(o.warmupSteps);
  }

  /** The learning rate of step {@code s} (0-based). */
  double rate(long s) {
    if (s < warmup) return lr * (s + 1) / warmup;
    long u = s - warmup;
    return switch (kind) {
      case CONSTANT -> lr;
      case COSINE -> lrMin + (lr - lrMin) * (1 + Math.cos(Math.PI * u / period)) / 2;
      case STEP -> lr * Math.pow(gamma, (double) (u / stepEvery));
    };
  }
}
