package sparkprop.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training command lines that the train tests through the entry point share, in a child process
 * ({@link TrainProcessIT}) and in this JVM ({@link TrainEntryPointTest}): the bundled sample's first
 * 3,000 rows in 2 partitions, 784-16-10 sigmoid with cross-entropy, 24 steps.
 */
final class TrainArgs {
  private TrainArgs() {}

  /** The data and the network, without an optimizer's options. */
  static List<String> base(Path out) {
    return new ArrayList<>(List.of("train", "--data", JobProcess.PROJECT.resolve("data/mnist-sample").toString(),
        "--limit", "3000", "--partitions", "2", "--layers", "784-16-10",
        "--activation", "sigmoid", "--loss", "cross-entropy", "--init", "kaiming", "--steps", "24", "--out", out.toString()));
  }

  static String[] with(List<String> a, String... more) {
    a.addAll(List.of(more));
    return a.toArray(new String[0]);
  }

  /** SGD with momentum on mini-batches, checkpointed every 4 steps. */
  static String[] sgd(Path out, String... more) {
    List<String> a = base(out);
    a.addAll(List.of("--lr", "0.5", "--momentum", "0.9", "--batch-rows", "500", "--checkpoint-every", "4", "--check-every", "8"));
    return with(a, more);
  }

  /**
   * Adam on mini-batches with a warm-up and a cosine schedule, keeping the best evaluation on the valid
   * side of the split: everything a resumed run must carry over (m, v, t and the best so far).
   */
  static String[] adam(Path out, String... more) {
    List<String> a = base(out);
    a.addAll(List.of("--optimizer", "adam", "--lr", "0.01", "--betas", "0.85,0.995", "--lr-schedule", "cosine",
        "--lr-period", "16", "--lr-min", "0.001", "--warmup-steps", "3", "--batch-rows", "500", "--split", "train",
        "--keep-best", "loss", "--eval-every", "4", "--checkpoint-every", "4", "--check-every", "8"));
    return with(a, more);
  }
}
