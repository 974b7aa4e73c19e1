package sparkprop.nn;

/**
 * The parameters rounded once to the run's precision, as one flat θ that each layer's weight and
 * bias are views into, together with what the network computes ({@link Architecture}).
 */
public final class Network {
  public final Layout layout;
  public final Architecture architecture;
  public final Precision precision;
  /** θ in the run's precision, size×1. */
  final Matrix theta;

  public Network(Parameters parameters, Architecture architecture, Precision precision) {
    this.layout = parameters.layout();
    this.architecture = architecture;
    this.precision = precision;
    this.theta = Matrix.zeros(precision, layout.size(), 1);
    load(parameters);
  }

  /** Makes θ = {@code parameters} (same layout), rounded to the precision; the layers see the change. */
  void load(Parameters parameters) {
    if (!parameters.layout().equals(layout)) throw new IllegalArgumentException(parameters.layout() + " into " + layout);
    theta.setAll(parameters.values());
  }

  /** Layer k (1 … K) over this θ, with its gradients as views into {@code gradient} (θ's layout). */
  Dense layer(int k, Matrix gradient) {
    Tensor w = layout.weight(k);
    Tensor b = layout.bias(k);
    return new Dense(theta.view(w.offset, w.rows, w.cols), theta.view(b.offset, b.rows, 1),
        gradient.view(w.offset, w.rows, w.cols), gradient.view(b.offset, b.rows, 1));
  }
}
