package sparkprop.nn;

import java.util.Locale;
import sparkprop.BadInputException;

/**
 * The hidden layers' nonlinearity, applied elementwise to a layer's pre-activation z:
 *
 * <pre>
 *   relu     a = max(z, 0)          z.g = (z > 0) · a.g          (the seed's)
 *   sigmoid  a = 1 / (1 + e^−z)     z.g = a · (1 − a) · a.g      (Spark MLlib's MultilayerPerceptronClassifier)
 *   tanh     a = tanh(z)            z.g = (1 − a²) · a.g
 * </pre>
 *
 * Backward reads z (relu) or a (sigmoid, tanh); both are kept by the pass.
 */
public enum Activation {
  RELU,
  SIGMOID,
  TANH;

  /** "relu", "sigmoid" or "tanh", as the option and the report spell it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Activation parse(String text) {
    for (Activation a : values()) {
      if (a.label().equals(text)) return a;
    }
    throw new BadInputException("--activation: unknown activation '" + text + "' (expected relu, sigmoid or tanh)");
  }

  /** {@code a = f(z)}; a and z are n×B. */
  public void forward(Matrix a, Matrix z) {
    switch (this) {
      case RELU: a.relu(z); break;
      case SIGMOID: a.sigmoid(z); break;
      default: a.tanh(z); break;
    }
  }

  /** {@code dz = f'(z) · da}, written; z is the forward input, a the forward output. */
  public void backward(Matrix dz, Matrix da, Matrix z, Matrix a) {
    switch (this) {
      case RELU: dz.reluMask(z, da); break;           // (z > 0) · a.g
      case SIGMOID: dz.sigmoidBackward(a, da); break; // a · (1 − a) · a.g
      default: dz.tanhBackward(a, da); break;         // (1 − a²) · a.g
    }
  }
}
