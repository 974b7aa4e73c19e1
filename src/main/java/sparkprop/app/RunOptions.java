package sparkprop.app;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What every command that runs the pass on data shares: the data and model options (picocli mixins) and
 * the output folder. A command's own options extend it; picocli reads the annotated fields of this class too.
 */
public abstract class RunOptions {
  @Mixin public final DataOptions data = new DataOptions();
  @Mixin public final ModelOptions model = new ModelOptions();

  @Option(names = "--out", paramLabel = "DIR", order = 50,
      description = "output folder, replaced as a whole when the run ends; it must be empty, new or an"
          + " earlier sparkprop output (default ${DEFAULT-VALUE})")
  public String out;

  /** @param defaultOut the output folder when {@code --out} is not given */
  protected RunOptions(String defaultOut) {
    this.out = defaultOut;
  }

  /** Paths the output folder must never be or contain: the data and the weights; a command adds its own. */
  public List<String> inputs() {
    List<String> inputs = new ArrayList<>(List.of(data.data));
    if (model.weights != null) inputs.add(model.weights);
    return inputs;
  }
}
