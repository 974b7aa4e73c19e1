package sparkprop.model;

import sparkprop.nn.Architecture;
import sparkprop.nn.Layout;
import sparkprop.nn.Parameters;

/** A network ready to run: its parameters, what it computes, and where the parameters came from. */
public final class Model {
  public final Parameters parameters;
  public final Architecture architecture;
  /** The weights' location, or null for random weights. */
  public final String weights;

  public Model(Parameters parameters, Architecture architecture, String weights) {
    this.parameters = parameters;
    this.architecture = architecture;
    this.weights = weights;
  }

  public Layout layout() {
    return parameters.layout();
  }
}
