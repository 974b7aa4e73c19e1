package sparkprop.bench;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import sparkprop.train.TrainOptions;

/**
 * sparkprop's side of the race, declared before the race starts: README's recipe for a classifier as a
 * user types it for {@code train} — not train's defaults (sgd, relu and mse: the fastai regressor's) — with
 * train's default checks on, run once per seed of {@link #SEEDS}. The bench adds only where the rows
 * are, the partitions (the same as MLlib's), the seed, a step limit and the target accuracy to stop at.
 * The options go through train's own parser, so that the race runs what the command would.
 */
final class RaceRecipe {
  /** The network beside the data's inputs: m-50-10, MLlib's layers in the race. */
  static final int HIDDEN = 50;
  static final int OUTPUTS = 10;
  /** The recipe, as typed; evaluations every 2 steps, excluded from the clock. */
  static final String OPTIONS = "--activation sigmoid --loss cross-entropy --init kaiming --optimizer lbfgs"
      + " --lbfgs-corrections 30 --precision float32 --eval-every 2";
  static final long[] SEEDS = {0, 1, 2};

  private RaceRecipe() {}

  /** The arguments of {@code train} for one run (without the output folder, which the race keeps to itself). */
  static List<String> arguments(String data, String evalData, int inputs, int partitions, long seed, int maxSteps,
      double target) {
    List<String> a = new ArrayList<>(List.of("--data", data, "--eval-data", evalData,
        "--layers", inputs + "-" + HIDDEN + "-" + OUTPUTS));
    a.addAll(List.of(OPTIONS.split(" ")));
    a.addAll(List.of("--partitions", Integer.toString(partitions), "--seed", Long.toString(seed),
        "--steps", Integer.toString(maxSteps), "--target-accuracy", Double.toString(target)));
    return a;
  }

  /** The command line a user would type for one run: {@code ./submit.sh train …}. */
  static String command(List<String> arguments) {
    return "./submit.sh train " + String.join(" ", arguments);
  }

  /** {@code arguments} as train's parser reads them. */
  static TrainOptions options(List<String> arguments) {
    TrainOptions o = new TrainOptions();
    new CommandLine(o).parseArgs(arguments.toArray(String[]::new));
    return o;
  }
}
