package sparkprop.bench;

import org.junit.jupiter.api.Test;
import sparkprop.JsonPin;
import sparkprop.nn.Activation;
import sparkprop.nn.Architecture;
import sparkprop.nn.Layout;
import sparkprop.nn.LossKind;
import sparkprop.nn.Precision;

/**
 * The apparatus' analyses.json pinned byte for byte: bench.json's keys, then every analysis key in its
 * order, each number written as it always was — "NaN" and "Infinity" as strings, except the cluster
 * model's {@code driver_seconds_per_task}, null when local mode cannot tell it.
 */
class AnalysisJsonTest {
  @Test
  void everyAnalysisKeepsItsKeysAndEncoding() throws Exception {
    JsonPin.assertPinned(AnalysisJsonTest.class, "analyses-full.json", AnalysisJson.render(report(true)));
  }

  @Test
  void aRunWithoutTheClusterModelOrMllibsGapWritesThemAsNull() throws Exception {
    JsonPin.assertPinned(AnalysisJsonTest.class, "analyses-empty.json", AnalysisJson.render(report(false)));
  }

  private static AnalysisReport report(boolean everything) throws ReflectiveOperationException {
    AnalysisReport r = BenchJsonTest.fill(new AnalysisReport(), false);
    if (!everything) return r;
    r.blockSizes.add(BenchJsonTest.pass(Precision.FLOAT64, true, new Layout(784, 50, 1),
        new Architecture(Activation.RELU, LossKind.MSE), true));
    AnalysisReport.Sweep s = new AnalysisReport.Sweep();
    s.rows = 60_000;
    s.mode = "cached";
    s.partitions = 2;
    s.seconds = new Samples(new double[] {0.5, 0.75, 0.625});
    s.cpuSeconds = new Samples(new double[] {0.9, 1.0, 1.1});
    s.deterministic = true;
    r.sweep.add(s);
    AnalysisReport.Aggregation a = new AnalysisReport.Aggregation();
    a.partitions = 8;
    a.rows = 60_000;
    a.fanIn = 3;
    a.shuffles = 1;
    a.pass = new Samples(new double[] {0.5, 0.25});
    a.computeOnly = new Samples(new double[] {0.4, 0.2});
    a.difference = new Samples(new double[] {0.1, 0.05});
    a.treeSumAlone = new Samples(new double[] {0.01, 0.02});
    a.passCpu = new Samples(new double[] {0, 0});
    a.computeOnlyCpu = new Samples(new double[] {0, 0}); // a task CPU share of 0/0: NaN
    r.aggregation.add(a);
    r.treeCost.addAll(ClusterModelTest.lines(2, 2));
    r.clusterModel = ClusterModel.fit(r.treeCost, 2, 2);
    TrainSteps.Line t = new TrainSteps.Line();
    t.precision = Precision.FLOAT32;
    t.batchRows = 1000;
    t.rows = 1000;
    t.partitions = 2;
    t.steps = 5;
    t.step = new Samples(new double[] {0.2, 0.3});
    t.pass = new Samples(new double[] {0.1, 0.15});
    t.otherLoad = Double.POSITIVE_INFINITY;
    r.trainSteps.add(t);
    MllibGap.Line g = new MllibGap.Line();
    g.partitions = 7;
    g.rows = 2000;
    g.blocks = 21;
    g.relative = 0.0125;
    g.reweightedRelative = 2.5e-16;
    g.mllibLoss = Double.NaN;
    g.exactLoss = 1.5;
    g.seconds = 3;
    r.mllibGap.add(g);
    r.mllibGapModel = "784-20-10, 20 L-BFGS iterations";
    r.mllibGapBlockSize = 128;
    r.targets.add(new AnalysisReport.Target("pass per row", 1.25e-6, "< 2e-6 s", true, "float64, x.g on"));
    r.targets.add(new AnalysisReport.Target("scaling", Double.NaN, "linear", false, "not measured"));
    return r;
  }
}
