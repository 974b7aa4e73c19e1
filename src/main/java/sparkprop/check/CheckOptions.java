package sparkprop.check;

import sparkprop.app.DataOptions;
import sparkprop.app.ModelOptions;

/** The options of {@code check}: the shared data and model options and the check's own. */
public class CheckOptions {
  public final DataOptions data = new DataOptions();
  public final ModelOptions model = new ModelOptions();
  public String out = "out";
  /** The partition whose partial is corrupted ({@code --inject-fault}); -1 for none. */
  public int injectFault = -1;
  /** The tensor the injected fault corrupts ("w1", "b2", …). */
  public String faultTensor = "w1";
  public int fdDirections = 3;
  public double fdEpsilon = 1e-6;
  public boolean inputCheck = true;
  public boolean verifyPartitions = false;
  /** 0: the reference covers every row; else a subset of this many rows, chosen by row id. */
  public int referenceRows = 0;
  public final sparkprop.peer.PeerOptions peer = new sparkprop.peer.PeerOptions();
}
