package sparkprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import sparkprop.LocalSpark;
import sparkprop.read.npz.NpyArray;
import sparkprop.read.npz.NpzReader;

/** One run of the check through {@link Main#run(org.apache.spark.api.java.JavaSparkContext, String[], PrintStream, PrintStream)} in the shared local Spark context, with what it printed and wrote. */
final class CheckRun {
  final int exitCode;
  final String stdout;
  final String stderr;
  final Path out;

  private CheckRun(int exitCode, String stdout, String stderr, Path out) {
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
    this.out = out;
  }

  /** Runs {@code check --out OUT args…}. */
  static CheckRun of(Path out, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "check";
    all[1] = "--out";
    all[2] = out.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code;
    try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
        PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
      code = Main.run(LocalSpark.context(), all, po, pe);
    }
    return new CheckRun(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8), out);
  }

  JsonNode report() throws IOException {
    return new ObjectMapper().readTree(out.resolve("report.json").toFile());
  }

  Map<String, NpyArray> gradients() throws IOException {
    return npz("gradients.npz");
  }

  Map<String, NpyArray> npz(String name) throws IOException {
    try (InputStream in = Files.newInputStream(out.resolve(name))) {
      return NpzReader.read(in, name);
    }
  }

  byte[] gradientBytes() throws IOException {
    return Files.readAllBytes(out.resolve("gradients.npz"));
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n" + stdout + stderr;
  }
}
