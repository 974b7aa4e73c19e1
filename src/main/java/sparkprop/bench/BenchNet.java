package sparkprop.bench;

import sparkprop.nn.Activation;
import sparkprop.nn.Architecture;
import sparkprop.nn.Init;
import sparkprop.nn.Layout;
import sparkprop.nn.LossKind;
import sparkprop.nn.Parameters;

/** A network under test: its layer sizes, what it computes, and the random parameters it is timed at. */
final class BenchNet {
  final Layout layout;
  final Architecture architecture;
  final Init init;
  final Parameters theta;

  BenchNet(Layout layout, Architecture architecture, Init init, long seed) {
    this.layout = layout;
    this.architecture = architecture;
    this.init = init;
    this.theta = Parameters.random(layout, init, seed);
  }

  /** The fastai lesson's regressor m-nh-1, ReLU and MSE, w ~ randn: the bench's headline network, as it always was. */
  static BenchNet regressor(int m, int hidden, long seed) {
    return new BenchNet(Layout.regressor(m, hidden), Architecture.reluMse(), Init.RANDN, seed);
  }

  /** A classifier with cross-entropy on top, Kaiming-initialised (randn would saturate its hidden layers). */
  static BenchNet classifier(int[] sizes, Activation activation, long seed) {
    return new BenchNet(new Layout(sizes), new Architecture(activation, LossKind.CROSS_ENTROPY), Init.KAIMING, seed);
  }

  /** "784-128-64-10 relu cross-entropy". */
  String describe() {
    return layout + " " + architecture.activation.label() + " " + architecture.loss.label();
  }
}
