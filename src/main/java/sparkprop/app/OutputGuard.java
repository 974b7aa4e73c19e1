package sparkprop.app;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkprop.BadInputException;

/**
 * Which folders sparkprop's output may replace (issue 8: a run with {@code --out .} deleted a user's
 * files and exited 0; issue 17: files a user put inside an earlier output's sub-folders were deleted).
 * Only a new or empty folder, or an earlier sparkprop output: one whose {@link OutputFolder#MARKER}
 * lists everything in it at every depth ({@link Manifest}). Never a file system root, a symbolic link
 * (it would be replaced, not written through), or a folder that is, or contains, an input of the run,
 * the current directory or the user's home. Works on any Hadoop file system, on qualified paths.
 */
final class OutputGuard {
  private OutputGuard() {}

  /** Why a folder may not be replaced, and what the user should move away (null: the folder itself). */
  record Refusal(String why, String move) {}

  /** Refuses {@code target} (the qualified {@code --out dir}) with one line naming it and why. */
  static void checkTarget(FileSystem fs, Path target, String dir, List<String> inputs, Configuration conf)
      throws IOException {
    if (target.isRoot()) throw refused(dir, "it is a file system root");
    for (Map.Entry<String, Path> p : protectedPaths(fs, inputs, conf).entrySet()) {
      if (contains(target, p.getValue())) throw refused(dir, "it is or contains " + p.getKey());
    }
    String link = linkTarget(fs, target);
    if (link != null) {
      throw refused(dir, "it is a symbolic link (to " + link + "), which sparkprop would replace rather than write"
          + " through; give the folder it points to");
    }
    checkReplaceable(fs, target, dir);
  }

  /** Refuses, before the run, an existing {@code target} that is not a folder, or not empty and not an earlier output. */
  static void checkReplaceable(FileSystem fs, Path target, String dir) throws IOException {
    Refusal r = refusal(fs, target);
    if (r != null) {
      throw refused(dir, r.why + "; " + (r.move == null ? "give a new or empty folder"
          : "move '" + r.move + "' away or give another folder"));
    }
  }

  /** Why an existing {@code folder} may not be replaced, or null when it may (absent, empty or an earlier output). */
  static Refusal refusal(FileSystem fs, Path folder) throws IOException {
    if (!fs.exists(folder)) return null;
    if (!fs.getFileStatus(folder).isDirectory()) return new Refusal("it exists and is not a folder", null);
    if (fs.listStatus(folder).length == 0 && !hasHidden(folder)) return null;
    Manifest ours;
    try {
      ours = Manifest.read(fs, folder);
    } catch (Manifest.Unusable e) {
      return new Refusal("it is not empty and not an earlier sparkprop output (" + e.getMessage() + ")", null);
    }
    Manifest.Foreign f = ours.firstForeign(fs, folder);
    return f == null ? null : new Refusal("it holds " + f, f.move());
  }

  /** Whether a local folder holds a file that Hadoop's listing hides ({@code .NAME.crc}). */
  private static boolean hasHidden(Path folder) throws IOException {
    if (!"file".equals(folder.toUri().getScheme())) return false;
    try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(java.nio.file.Paths.get(folder.toUri()))) {
      return s.findAny().isPresent();
    }
  }

  /** Where {@code target} points when it is itself a symbolic link, else null. */
  private static String linkTarget(FileSystem fs, Path target) {
    try {
      if ("file".equals(target.toUri().getScheme())) {
        java.nio.file.Path p = java.nio.file.Paths.get(target.toUri());
        return java.nio.file.Files.isSymbolicLink(p) ? java.nio.file.Files.readSymbolicLink(p).toString() : null;
      }
      FileStatus s = fs.getFileLinkStatus(target);
      return s.isSymlink() ? s.getSymlink().toString() : null;
    } catch (IOException | RuntimeException e) {
      return null; // absent, or a file system without links
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
