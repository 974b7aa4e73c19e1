package sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The schedules against PyTorch's closed forms, with last_epoch = the step: CosineAnnealingLR's
 * η_t = η_min + (η_max − η_min)·(1 + cos(π·t/T_max))/2 and StepLR's η_t = η_0·γ^⌊t/step_size⌋; and the
 * warm-up, lr·(s+1)/W for s &lt; W, after which the schedule starts from its own step 0.
 */
class LrScheduleTest {
  private static void close(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-15 * Math.abs(expected), what);
  }

  @Test
  void cosineIsCosineAnnealingLrsClosedFormAndRisesAgainPastItsPeriodAsPyTorchs() {
    double lr = 0.1, min = 0.001;
    int period = 10;
    LrSchedule s = LrSchedule.cosine(lr, period, min);
    for (int t = 0; t <= 3 * period; t++) {
      close(min + (lr - min) * (1 + Math.cos(Math.PI * t / period)) / 2, s.rate(t), "step " + t);
    }
    assertEquals(lr, s.rate(0), 0, "lr at step 0");
    close((lr + min) / 2, s.rate(period / 2), "half-way at T/2");
    assertEquals(min, s.rate(period), 0, "lr_min at step T");
    close(lr, s.rate(2 * period), "back to lr at 2T");
  }

  @Test
  void stepIsStepLrsClosedForm() {
    // PyTorch's StepLR example: lr = 0.05 for epochs < 30, 0.005 for 30 ≤ epoch < 60, 0.0005 for 60 ≤ epoch < 90.
    LrSchedule s = LrSchedule.step(0.05, 0.1, 30);
    for (int t = 0; t < 120; t++) close(0.05 * Math.pow(0.1, t / 30), s.rate(t), "step " + t);
    close(0.05, s.rate(29), "29");
    close(0.005, s.rate(30), "30");
    close(0.005, s.rate(59), "59");
    close(0.0005, s.rate(60), "60");
  }

  @Test
  void warmupRisesFromLrOverWToLrAtWMinusOneThenTheScheduleStarts() {
    double lr = 0.02;
    LrSchedule s = LrSchedule.cosine(lr, 8, 0.0).withWarmup(4);
    close(lr / 4, s.rate(0), "lr/W at step 0");
    close(lr / 2, s.rate(1), "step 1");
    close(3 * lr / 4, s.rate(2), "step 2");
    close(lr, s.rate(3), "lr at step W−1");
    close(lr, s.rate(4), "the cosine's step 0");
    assertEquals(0.0, s.rate(4 + 8), 0, "the cosine's step T");
    LrSchedule c = LrSchedule.constant(lr).withWarmup(4);
    for (int t = 4; t < 20; t++) assertEquals(lr, c.rate(t), 0, "constant after the warm-up");
  }

  @Test
  void constantIsLrAtEveryStep() {
    LrSchedule s = LrSchedule.constant(0.3);
    for (long t : new long[] {0, 1, 17, 1_000_000_000L}) assertEquals(0.3, s.rate(t), 0);
  }
}
