package sparkprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import sparkprop.BadInputException;
import sparkprop.nn.Init;
import sparkprop.nn.Precision;

/** The race's candidates as the option spells them, and which result is the headline. */
class RaceReportTest {
  @Test
  void candidatesParse() {
    List<RaceReport.Settings> s = RaceReport.Settings.parseList("float32:20, float64:10:randn");
    assertEquals(2, s.size());
    assertEquals(Precision.FLOAT32, s.get(0).precision);
    assertEquals(20, s.get(0).corrections);
    assertEquals(Init.KAIMING, s.get(0).init);
    assertEquals(Init.RANDN, s.get(1).init);
    assertEquals("float64, 10 corrections, randn", s.get(1).label());
    assertTrue(RaceReport.Settings.parseList("none").isEmpty());
    for (String bad : new String[] {"float32", "float16:20", "float32:0", "float32:x", "float32:20:he:x"}) {
      assertThrows(BadInputException.class, () -> RaceReport.Settings.parse(bad), bad);
    }
  }

  @Test
  void theTargetIsTheLongestFitAndTheHeadlineTheFastestRunThatReachedIt() {
    RaceReport r = new RaceReport();
    r.mllib.add(fit(100, 40.0));
    r.mllib.add(fit(25, 12.0));
    assertEquals(100, r.reference().maxIter);
    assertNull(r.fastest());
    assertTrue(Double.isNaN(r.speedup()));
    r.candidates.add(candidate(-1, Double.NaN));
    r.candidates.add(candidate(90, 25.0));
    r.candidates.add(candidate(80, 16.0));
    assertEquals(16.0, r.fastest().secondsToTarget);
    assertEquals(2.5, r.speedup(), 1e-12);
  }

  private static RaceReport.MllibFit fit(int maxIter, double seconds) {
    RaceReport.MllibFit f = new RaceReport.MllibFit();
    f.maxIter = maxIter;
    f.fitSeconds = seconds;
    return f;
  }

  private static RaceReport.Candidate candidate(long step, double seconds) {
    RaceReport.Candidate c = new RaceReport.Candidate();
    c.settings = RaceReport.Settings.parse("float32:20");
    c.reachedStep = step;
    c.secondsToTarget = seconds;
    return c;
  }
}
