package sparkprop.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The fire drill's variable: what it parses to, and that a seeded drill fires at its rate, the same way every time. */
class FireDrillTest {
  @Test
  void alwaysFiresEveryTaskAndUnsetOrBadValuesNever() {
    FireDrill always = FireDrill.parse("always");
    for (int p = 0; p < 50; p++) assertTrue(always.fires(3, p));
    for (String off : new String[] {null, "", "p=2", "sometimes", "p=0.5,seed=x"}) {
      FireDrill d = FireDrill.parse(off);
      for (int p = 0; p < 50; p++) assertFalse(d.fires(3, p), off);
    }
  }

  @Test
  void seededDrillFiresAtItsRateRepeatably() {
    FireDrill d = FireDrill.parse("p=0.3,seed=7,tensor=b2");
    assertEquals("b2", d.tensor);
    int fired = 0;
    int tasks = 20_000;
    for (int k = 0; k < tasks; k++) {
      boolean f = d.fires(k / 100, k % 100);
      assertEquals(f, FireDrill.parse("p=0.3,seed=7").fires(k / 100, k % 100), "the same draw for the same task");
      if (f) fired++;
    }
    // Binomial(20000, 0.3): σ ≈ 65; ±5σ.
    assertTrue(Math.abs(fired - 0.3 * tasks) < 325, fired + " of " + tasks);
    int differ = 0;
    FireDrill other = FireDrill.parse("p=0.3,seed=8");
    for (int k = 0; k < 1000; k++) if (other.fires(1, k) != d.fires(1, k)) differ++;
    assertTrue(differ > 200, "another seed draws other tasks: " + differ);
  }

  @Test
  void aDrillNamingAHostAppliesThereOnlyAndDrawsTheSameTasks() {
    FireDrill d = FireDrill.parse("p=0.3,seed=7,host=127.0.0.3");
    assertEquals("127.0.0.3", d.host);
    assertTrue(d.onHost("127.0.0.3"));
    assertFalse(d.onHost("127.0.0.4"));
    assertFalse(d.onHost(null));
    assertTrue(FireDrill.parse("always").onHost("127.0.0.4"), "without host= on every host that has it");
    FireDrill anywhere = FireDrill.parse("p=0.3,seed=7");
    for (int k = 0; k < 1000; k++) assertEquals(anywhere.fires(2, k), d.fires(2, k), "host= changes where, not which tasks");
    assertFalse(FireDrill.parse("always,host=").onHost("x") && FireDrill.parse("always,host=").probability > 0,
        "an empty host is a bad value: the drill is off");
  }
}
