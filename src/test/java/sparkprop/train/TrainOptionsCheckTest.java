package sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import sparkprop.BadInputException;
import sparkprop.partition.ValidationSplit;

/** Options that do not fit together are refused with one line naming them; those that fit pass. */
class TrainOptionsCheckTest {
  private static TrainOptions with(Consumer<TrainOptions> set) {
    TrainOptions o = new TrainOptions();
    set.accept(o);
    return o;
  }

  private static void refused(String mention, Consumer<TrainOptions> set) {
    BadInputException e = assertThrows(BadInputException.class, () -> TrainOptionsCheck.refuseMisfits(with(set)));
    assertTrue(e.getMessage().contains(mention), "'" + mention + "' in: " + e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }

  @Test
  void misfitsAreRefused() {
    refused("--early-stop", o -> o.earlyStop = 3);
    refused("--keep-best", o -> o.keepBest = KeepBest.Metric.LOSS);
    refused("--betas", o -> {
      o.optimizer = OptimizerKind.LBFGS;
      o.betas = new Adam.Betas(0.9, 0.99);
    });
    refused("--eps", o -> o.eps = 1e-6);
    refused("--momentum", o -> {
      o.optimizer = OptimizerKind.ADAM;
      o.momentum = 0.9;
    });
    refused("lbfgs", o -> {
      o.optimizer = OptimizerKind.LBFGS;
      o.lrSchedule = LrSchedule.Kind.STEP;
      o.lrStepEvery = 5;
    });
    refused("lbfgs", o -> {
      o.optimizer = OptimizerKind.LBFGS;
      o.warmupSteps = 5;
    });
    refused("--lr-min", o -> {
      o.lrSchedule = LrSchedule.Kind.COSINE;
      o.lrPeriod = 10;
    });
    refused("--lr-period", o -> {
      o.lrSchedule = LrSchedule.Kind.COSINE;
      o.lrMin = 0.0;
    });
    refused("--lr-min", o -> {
      o.lrSchedule = LrSchedule.Kind.COSINE;
      o.lrPeriod = 10;
      o.lrMin = 0.5;
    });
    refused("--lr-step-every", o -> o.lrSchedule = LrSchedule.Kind.STEP);
    refused("--lr-gamma", o -> o.lrGamma = 0.5);
    refused("--lr-period", o -> o.lrPeriod = 10);
  }

  @Test
  void whatFitsPasses() {
    assertDoesNotThrow(() -> TrainOptionsCheck.refuseMisfits(with(o -> {
      o.optimizer = OptimizerKind.ADAM;
      o.betas = new Adam.Betas(0.8, 0.99);
      o.eps = 1e-6;
      o.weightDecay = 1e-4;
      o.lrSchedule = LrSchedule.Kind.COSINE;
      o.lrPeriod = 100;
      o.lrMin = 0.0;
      o.warmupSteps = 5;
      o.earlyStop = 4;
      o.data.split = ValidationSplit.Side.TRAIN;
    })));
    assertDoesNotThrow(() -> TrainOptionsCheck.refuseMisfits(with(o -> {
      o.lrSchedule = LrSchedule.Kind.STEP;
      o.lrStepEvery = 10;
      o.lrGamma = 0.5;
      o.keepBest = KeepBest.Metric.ACCURACY;
      o.evalData = "test-images";
    })));
  }
}
