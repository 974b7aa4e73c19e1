package sparkprop.nn;

import java.io.Serializable;

/**
 * What a network computes besides its weights: the hidden layers' {@link Activation} and the
 * {@link LossKind}. The output layer is linear; with cross-entropy the softmax belongs to the loss.
 */
public final class Architecture implements Serializable {
  private static final long serialVersionUID = 1L;

  public final Activation activation;
  public final LossKind loss;

  public Architecture(Activation activation, LossKind loss) {
    this.activation = activation;
    this.loss = loss;
  }

  /** ReLU hidden layers and MSE: the fastai seed's. */
  public static Architecture reluMse() {
    return new Architecture(Activation.RELU, LossKind.MSE);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Architecture && ((Architecture) o).activation == activation && ((Architecture) o).loss == loss;
  }

  @Override
  public int hashCode() {
    return activation.hashCode() * 31 + loss.hashCode();
  }

  @Override
  public String toString() {
    return activation.label() + ", " + loss.label();
  }
}
