package sparkprop.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkprop.BadInputException;

/**
 * Which folders sparkprop's output may replace (issue 8: a run with {@code --out .} deleted a user's
 * files and exited 0). Only a new or empty folder, or an earlier sparkprop output: one that holds the
 * {@link OutputFolder#MARKER} file sparkprop writes into every output and nothing but the files that
 * marker lists. Never a file system root, and never a folder that is, or contains, an input of the run,
 * the current directory or the user's home. Works on any Hadoop file system, on qualified paths.
 */
final class OutputGuard {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MARKER_MAX_BYTES = 64 * 1024;

  private OutputGuard() {}

  /** Refuses {@code target} (the qualified {@code --out dir}) with one line naming it and why. */
  static void checkTarget(FileSystem fs, Path target, String dir, List<String> inputs, Configuration conf)
      throws IOException {
    if (target.isRoot()) throw refused(dir, "it is a file system root");
    for (Map.Entry<String, Path> p : protectedPaths(fs, inputs, conf).entrySet()) {
      if (contains(target, p.getValue())) throw refused(dir, "it is or contains " + p.getKey());
    }
    checkReplaceable(fs, target, dir);
  }

  /** Refuses an existing {@code target} that is not a folder, or not empty and not an earlier output. */
  static void checkReplaceable(FileSystem fs, Path target, String dir) throws IOException {
    if (!fs.exists(target)) return;
    if (!fs.getFileStatus(target).isDirectory()) throw refused(dir, "it exists and is not a folder");
    FileStatus[] entries = fs.listStatus(target);
    if (entries.length == 0) return;
    Set<String> ours = markerFiles(fs, new Path(target, OutputFolder.MARKER));
    if (ours == null) {
      throw refused(dir, "it is not empty and not an earlier sparkprop output (it has no "
          + OutputFolder.MARKER + "); give a new or empty folder");
    }
    for (FileStatus e : entries) {
      String name = e.getPath().getName();
      if (!ours.contains(name)) {
        throw refused(dir, "it holds '" + name + "', which sparkprop did not write; move that away or give another folder");
      }
    }
  }

  /**
   * The names an earlier output's marker allows: the marker itself, the files it lists, and their
   * Hadoop checksum files ({@code .NAME.crc}, written beside each file on a local file system); null
   * when the marker is missing or is not sparkprop's.
   */
  private static Set<String> markerFiles(FileSystem fs, Path marker) {
    try {
      if (!fs.isFile(marker) || fs.getFileStatus(marker).getLen() > MARKER_MAX_BYTES) return null;
      JsonNode root;
      try (InputStream in = fs.open(marker)) {
        root = JSON.readTree(in);
      }
      if (!"sparkprop".equals(root.path("tool").asText()) || !root.path("files").isArray()) return null;
      Set<String> names = new HashSet<>();
      names.add(OutputFolder.MARKER);
      for (JsonNode f : root.get("files")) names.add(f.asText());
      for (String n : new ArrayList<>(names)) names.add("." + n + ".crc");
      return names;
    } catch (IOException | RuntimeException e) {
      return null; // unreadable or not JSON: not a marker sparkprop wrote
    }
  }

  /** What the output must never replace, by a description for the message. */
  private static Map<String, Path> protectedPaths(FileSystem fs, List<String> inputs, Configuration conf) {
    Map<String, Path> paths = new LinkedHashMap<>();
    for (String input : inputs) {
      Path p = qualified(new Path(input), conf);
      if (p != null) paths.put(input + ", an input of this run", p);
    }
    paths.put("the current directory", qualified(new Path(new java.io.File(System.getProperty("user.dir")).toURI()), conf));
    paths.put("your home folder", qualified(new Path(new java.io.File(System.getProperty("user.home")).toURI()), conf));
    paths.put("the file system's working directory", fs.getWorkingDirectory());
    paths.put("the file system's home directory", fs.getHomeDirectory());
    paths.values().removeIf(p -> p == null);
    return paths;
  }

  private static Path qualified(Path p, Configuration conf) {
    try {
      return p.getFileSystem(conf).makeQualified(p);
    } catch (IOException | RuntimeException e) {
      return null; // a file system this run cannot reach: the output cannot be there either
    }
  }

  /** Whether {@code inner} is {@code outer} or lies inside it, as written and, on a local disk, after following links. */
  static boolean contains(Path outer, Path inner) {
    if (within(outer.toUri(), inner.toUri())) return true;
    URI a = real(outer);
    URI b = real(inner);
    return a != null && b != null && within(a, b);
  }

  private static boolean within(URI outer, URI inner) {
    if (!same(outer.getScheme(), inner.getScheme()) || !same(outer.getAuthority(), inner.getAuthority())) return false;
    String o = strip(outer.getPath());
    String i = strip(inner.getPath());
    return i.equals(o) || o.isEmpty() || i.startsWith(o + "/");
  }

  private static boolean same(String a, String b) {
    return a == null ? b == null : a.equalsIgnoreCase(b);
  }

  private static String strip(String path) {
    String p = path == null ? "" : path;
    while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
    return p;
  }

  /** The path with symbolic links resolved, for a local path whose nearest existing ancestor can be resolved. */
  private static URI real(Path p) {
    if (!"file".equals(p.toUri().getScheme())) return null;
    try {
      java.nio.file.Path local = java.nio.file.Paths.get(p.toUri());
      java.nio.file.Path rest = local.getFileSystem().getPath("");
      while (local != null && !java.nio.file.Files.exists(local)) {
        rest = local.getFileName().resolve(rest);
        local = local.getParent();
      }
      if (local == null) return null;
      return local.toRealPath().resolve(rest).toUri();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static BadInputException refused(String dir, String why) {
    return BadInputException.inFile(dir, "--out refused: " + why);
  }
}
