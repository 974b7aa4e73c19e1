package sparkprop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sparkprop.Json.NonFiniteAsString;

/**
 * The one policy for what JSON cannot hold: a new key writes NaN and ±∞ as null, a key marked as older
 * than the policy keeps the strings "NaN", "Infinity", "-Infinity"; finite numbers are written as
 * Jackson writes them; components keep their order and become snake_case keys.
 */
class JsonTest {
  record Written(double plainRatio, Double boxedSeconds, double[] samples, Map<String, Double> byStage,
      @NonFiniteAsString double olderRatio, @NonFiniteAsString double[] olderSamples,
      @NonFiniteAsString Map<String, Double> olderByStage, @NonFiniteAsString List<Double> olderList, int count) {}

  private static String line(Object o) {
    return new String(Json.line(o), StandardCharsets.UTF_8);
  }

  @Test
  void aNewKeyWritesNanAndInfinitiesAsNull() {
    Map<String, Double> stages = new LinkedHashMap<>();
    stages.put("b", Double.NEGATIVE_INFINITY);
    stages.put("a", 0.25);
    assertEquals("{\"plain_ratio\":null,\"boxed_seconds\":null,\"samples\":[1.0E-6,null,null,3.0],"
        + "\"by_stage\":{\"b\":null,\"a\":0.25},\"older_ratio\":0.5,\"older_samples\":[],\"older_by_stage\":{},"
        + "\"older_list\":[],\"count\":3}\n",
        line(new Written(Double.NaN, Double.POSITIVE_INFINITY, new double[] {1e-6, Double.NaN, Double.NEGATIVE_INFINITY, 3},
            stages, 0.5, new double[0], Map.of(), List.of(), 3)));
  }

  @Test
  void aKeyOlderThanThePolicyKeepsTheStrings() {
    Map<String, Double> stages = new LinkedHashMap<>();
    stages.put("total", Double.NaN);
    stages.put("read", 2.0);
    assertEquals("{\"plain_ratio\":2.0,\"boxed_seconds\":null,\"samples\":[],\"by_stage\":{},"
        + "\"older_ratio\":\"NaN\",\"older_samples\":[\"Infinity\",\"-Infinity\",0.125],"
        + "\"older_by_stage\":{\"total\":\"NaN\",\"read\":2.0},\"older_list\":[\"-Infinity\",1.0],\"count\":0}\n",
        line(new Written(2, null, new double[0], Map.of(), Double.NaN,
            new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.125}, stages,
            List.of(Double.NEGATIVE_INFINITY, 1.0), 0)));
  }

  @Test
  void prettyIndentsAsReportsAlwaysWere() {
    assertEquals("{\n  \"plain_ratio\" : 1.0,\n  \"boxed_seconds\" : 2.5,\n  \"samples\" : [ 1.0, 2.0 ],\n"
        + "  \"by_stage\" : { },\n  \"older_ratio\" : 1.0E20,\n  \"older_samples\" : [ ],\n  \"older_by_stage\" : { },\n"
        + "  \"older_list\" : [ ],\n  \"count\" : 1\n}",
        new String(Json.pretty(new Written(1, 2.5, new double[] {1, 2}, Map.of(), 1e20, new double[0], Map.of(), List.of(), 1)),
            StandardCharsets.UTF_8));
  }
}
