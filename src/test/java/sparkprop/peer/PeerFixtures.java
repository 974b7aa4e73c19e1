package sparkprop.peer;

import sparkprop.LocalSpark;
import sparkprop.app.DataOptions;
import sparkprop.app.PreparedRows;
import sparkprop.check.CheckOptions;
import sparkprop.model.Model;
import sparkprop.nn.Activation;
import sparkprop.nn.Architecture;
import sparkprop.nn.Init;
import sparkprop.nn.Layout;
import sparkprop.nn.LossKind;
import sparkprop.nn.Parameters;
import sparkprop.read.HadoopConf;

/** Small rows and networks for the peer tests: the bundled sample's first rows, a 784-8-10 network. */
final class PeerFixtures {
  static final int[] LAYERS = {784, 8, 10};
  static final Architecture MLLIB = new Architecture(Activation.SIGMOID, LossKind.CROSS_ENTROPY);

  private PeerFixtures() {}

  /** The first {@code limit} rows of the bundled sample in {@code partitions} cached partitions; release() after. */
  static PreparedRows rows(long limit, int partitions) {
    DataOptions o = new DataOptions();
    o.limit = limit;
    o.partitions = partitions;
    return PreparedRows.open(LocalSpark.context(), o, new HadoopConf(LocalSpark.context().hadoopConfiguration()));
  }

  /** A random sigmoid/softmax network (Kaiming weights, so the hidden units are far from saturated). */
  static Model randomModel(long seed) {
    return new Model(Parameters.random(new Layout(LAYERS), Init.KAIMING, seed), MLLIB, null);
  }

  /** check's options for an MLlib-expressible random network on the first {@code limit} rows, with MLlib as peer. */
  static CheckOptions checkAgainstMllib(long limit, int partitions, int blockSize) {
    CheckOptions o = new CheckOptions();
    o.data.limit = limit;
    o.data.partitions = partitions;
    o.model.layers = LAYERS.clone();
    o.model.activation = Activation.SIGMOID;
    o.model.loss = LossKind.CROSS_ENTROPY;
    o.model.init = Init.KAIMING;
    o.model.seed = 3;
    o.model.blockRows = 64;
    o.fdDirections = 1;
    o.peer.against = PeerOptions.MLLIB;
    o.peer.blockSize = blockSize;
    return o;
  }
}
