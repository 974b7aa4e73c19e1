package sparkprop.cli;

import java.util.List;
import picocli.CommandLine.Mixin;
import sparkprop.app.JobCommand;
import sparkprop.app.RunOptions;

/** A command that runs the pass on data: its options extend {@link RunOptions}, which name the output and the inputs. */
abstract class RunCommand<O extends RunOptions> implements JobCommand {
  @Mixin public final O options;

  RunCommand(O options) {
    this.options = options;
  }

  @Override
  public String out() {
    return options.out;
  }

  @Override
  public List<String> inputs() {
    return options.inputs();
  }
}
