package sparkprop.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import sparkprop.BadInputException;

/**
 * {@code DIR/metadata/part-*}: the one JSON line that {@code DefaultParamsWriter.saveMetadata} writes
 * (class, sparkVersion, paramMap.layers, …; see {@link MllibModel}), possibly compressed.
 *
 * <p>Bounded: the first non-blank line must come within {@link #MAX_BYTES} of the (decompressed) file,
 * so that a small gzip file that inflates to one line of gigabytes is refused after reading a mebibyte,
 * not held as a string.
 */
final class MllibMetadata {
  /** The most bytes read for the JSON line: Spark's is about 1 KB (its paramMap and defaultParamMap). */
  static final int MAX_BYTES = 1 << 20;

  private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)(\\..*)?$");

  final String file;
  final String sparkVersion;
  final int sparkMajor;
  /** paramMap.layers, or null. */
  final int[] layers;

  private MllibMetadata(String file, String sparkVersion, int sparkMajor, int[] layers) {
    this.file = file;
    this.sparkVersion = sparkVersion;
    this.sparkMajor = sparkMajor;
    this.layers = layers;
  }

  static MllibMetadata read(String dir, FileSystem fs, Path root, Configuration conf) {
    List<FileStatus> parts = MllibModel.parts(dir, fs, root, "metadata",
        "not a saved Spark ML model (no metadata/ folder; give the folder that MultilayerPerceptronClassificationModel.save wrote)");
    String file = null;
    String line = null;
    CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
    for (FileStatus part : parts) {
      file = "metadata/" + part.getPath().getName();
      line = firstLine(dir, file, fs, part.getPath(), codecs);
      if (line != null) break;
    }
    if (line == null) throw BadInputException.inFile(dir, "metadata/ holds no JSON line (files: " + MllibModel.names(parts) + ")");

    JsonNode json;
    try {
      json = new ObjectMapper().readTree(line);
    } catch (JsonProcessingException e) {
      throw BadInputException.inFile(dir, file + ": not JSON (" + jsonProblem(e) + ")");
    }
    if (!json.isObject()) throw BadInputException.inFile(dir, file + ": not a JSON object");
    JsonNode cls = json.get("class");
    if (cls == null || !cls.isTextual()) throw BadInputException.inFile(dir, file + " has no \"class\"");
    if (!MllibModel.MLP_CLASS.equals(cls.asText())) {
      String hint = cls.asText().equals("org.apache.spark.ml.PipelineModel")
          ? " (give the folder of its MultilayerPerceptronClassificationModel stage, under stages/)" : "";
      throw BadInputException.inFile(dir, "holds a Spark ML model of class " + cls.asText()
          + ", not a MultilayerPerceptronClassificationModel" + hint);
    }
    JsonNode version = json.get("sparkVersion");
    if (version == null || !version.isTextual()) throw BadInputException.inFile(dir, file + " has no \"sparkVersion\"");
    Matcher m = VERSION.matcher(version.asText());
    if (!m.matches()) {
      throw BadInputException.inFile(dir, file + ": sparkVersion \"" + version.asText() + "\" is not of the form major.minor[.patch]");
    }
    int major = Integer.parseInt(m.group(1));
    if (major < 2) {
      throw BadInputException.inFile(dir, file + ": sparkVersion " + version.asText()
          + " (MLlib saves multilayer perceptrons since Spark 2.0)");
    }
    int[] layers = null;
    JsonNode l = json.path("paramMap").get("layers");
    if (l != null) {
      if (!l.isArray()) throw BadInputException.inFile(dir, file + ": paramMap.layers is not an array (" + l + ")");
      layers = new int[l.size()];
      for (int k = 0; k < layers.length; k++) {
        if (!l.get(k).isInt()) throw BadInputException.inFile(dir, file + ": paramMap.layers " + l + " is not a list of integers");
        layers[k] = l.get(k).asInt();
      }
    }
    return new MllibMetadata(file, version.asText(), major, layers);
  }

  /** The first non-blank line, read at most {@link #MAX_BYTES} into the file; null when the file has none. */
  private static String firstLine(String dir, String file, FileSystem fs, Path path, CompressionCodecFactory codecs) {
    try (InputStream raw = fs.open(path)) {
      CompressionCodec codec = codecs.getCodec(path);
      InputStream in = codec == null ? raw : codec.createInputStream(raw);
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      long read = 0;
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] != '\n') {
            line.write(buffer[i]);
          } else if (!line.toString(StandardCharsets.UTF_8).isBlank()) {
            return line.toString(StandardCharsets.UTF_8);
          } else {
            line.reset();
          }
        }
        read += n;
        if (read > MAX_BYTES) {
          throw BadInputException.inFile(dir, file + ": no complete JSON line within its first " + (MAX_BYTES >> 20)
              + " MiB" + (codec == null ? "" : " (decompressed)") + ", the most read of a model's metadata (Spark writes"
              + " one line of about 1 KB)");
        }
      }
      String last = line.toString(StandardCharsets.UTF_8);
      return last.isBlank() ? null : last;
    } catch (IOException e) {
      throw BadInputException.inFile(dir, file + ": cannot read: " + MllibModel.oneLine(e));
    }
  }

  /** Jackson's problem without its multi-part source description: "Unexpected end-of-input at column 237". */
  private static String jsonProblem(JsonProcessingException e) {
    String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    int cut = m.indexOf(':');
    String what = MllibModel.oneLine(cut > 0 ? m.substring(0, cut) : m);
    return e.getLocation() == null ? what : what + " at column " + e.getLocation().getColumnNr();
  }
}
