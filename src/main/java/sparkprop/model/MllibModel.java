package sparkprop.model;

import org.apache.hadoop.conf.Configuration;
import sparkprop.BadInputException;
import sparkprop.nn.Parameters;

/** A model saved by Spark MLlib's {@code MultilayerPerceptronClassificationModel.save}. */
final class MllibModel {
  private MllibModel() {}

  static Parameters load(String dir, Configuration conf, int inputs) {
    throw BadInputException.inFile(dir, "reading Spark MLlib model folders is not built yet");
  }
}
