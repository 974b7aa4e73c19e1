package sparkprop.train;

import java.io.Serializable;

/**
 * The loss, accuracy and confusion matrix of a network on some rows (a forward pass only). The
 * predicted class is the output's argmax; with a single output (the seed's regression on the digit's
 * value) it is the output rounded to the nearest class.
 */
public final class Evaluation implements Serializable {
  private static final long serialVersionUID = 1L;

  final int classes;
  double lossSum;
  long rows;
  int termsPerRow;
  /** confusion[label][predicted]. */
  final long[][] confusion;

  Evaluation(int classes, int termsPerRow) {
    this.classes = classes;
    this.termsPerRow = termsPerRow;
    this.confusion = new long[classes][classes];
  }

  Evaluation add(Evaluation o) {
    lossSum += o.lossSum;
    rows += o.rows;
    for (int i = 0; i < classes; i++) {
      for (int j = 0; j < classes; j++) confusion[i][j] += o.confusion[i][j];
    }
    return this;
  }

  public double loss() {
    return lossSum / ((double) rows * termsPerRow);
  }

  public long rows() {
    return rows;
  }

  public double accuracy() {
    long correct = 0;
    for (int i = 0; i < classes; i++) correct += confusion[i][i];
    return rows == 0 ? Double.NaN : (double) correct / rows;
  }

  /** confusion[label][predicted], a copy. */
  public long[][] confusion() {
    long[][] out = new long[classes][];
    for (int i = 0; i < classes; i++) out[i] = confusion[i].clone();
    return out;
  }
}
