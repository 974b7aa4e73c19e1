package sparkprop.bench;

/**
 * What one bench run gives its command: bench.json's bytes, the tables for the console, and the
 * race as plain data for report.html.
 *
 * @param race        null when the race did not run
 * @param raceSkipped why it did not run ("--race false", no test rows), or null
 */
public record BenchResult(byte[] json, String console, RaceResult race, String raceSkipped) {}
