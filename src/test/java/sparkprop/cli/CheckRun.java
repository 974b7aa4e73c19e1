package sparkprop.cli;

import sparkprop.InProcessRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import sparkprop.read.npz.NpyArray;
import sparkprop.read.npz.NpzReader;

/** One run of the check through the entry point in this JVM ({@link InProcessRun}), with what it printed and wrote. */
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
    InProcessRun run = InProcessRun.of(all);
    return new CheckRun(run.exitCode, run.stdout, run.stderr, out);
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
