package sparkprop.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkprop.Json;

/**
 * What an output's {@link OutputFolder#MARKER} says: the command that wrote the output, and every folder
 * and file sparkprop wrote into it at every depth, by path relative to the output
 * ({@code checkpoints/step-00000003/weights.npz}). One JSON line,
 * {@code {"tool":"sparkprop","command":"train","version":2,"folders":[…],"files":[…]}}, built at commit
 * from the staging folder's real content (so files written as the run goes, checkpoints, are in it).
 * A folder is an earlier output only if everything in it at every depth is in its manifest; the marker
 * itself and Hadoop's {@code .NAME.crc} beside a listed file are allowed too.
 *
 * <p>A marker without {@code version} (version 1, sparkprop before issue 17) lists top-level names only:
 * it vouches for the files it names and for empty folders it names, never for anything inside a folder,
 * which it cannot tell from a user's file; such content is refused with a message saying so.
 */
final class Manifest {
  /** Bound on a marker's size: 16 MB holds some 300,000 paths, a long run's checkpoints. */
  static final long MAX_BYTES = 16L * 1024 * 1024;
  private static final int VERSION = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Why a folder's marker does not make it an earlier output; the text completes "it is not … (WHY)". */
  static final class Unusable extends Exception {
    Unusable(String why) {
      super(why);
    }
  }

  /**
   * An entry of a folder that its manifest does not vouch for: its path, why, and what the user should
   * move away to make the folder replaceable (the entry, or for a version-1 marker the top folder).
   */
  record Foreign(String path, String why, String move) {
    @Override
    public String toString() {
      return "'" + path + "', " + why;
    }
  }

  /** The marker's keys, in the file's order. */
  private record Marker(String tool, String command, int version, Set<String> folders, Set<String> files) {}

  final String command;
  private final boolean topLevelOnly;
  private final Set<String> folders;
  private final Set<String> files;

  private Manifest(String command, boolean topLevelOnly, Set<String> folders, Set<String> files) {
    this.command = command;
    this.topLevelOnly = topLevelOnly;
    this.folders = folders;
    this.files = files;
  }

  /** The manifest of {@code staging} as it is now, plus {@code toCome} (files written after the marker). */
  static Manifest of(FileSystem fs, Path staging, String command, String... toCome) throws IOException {
    Set<String> folders = new TreeSet<>();
    Set<String> files = new TreeSet<>(List.of(toCome));
    Deque<String> todo = new ArrayDeque<>(List.of(""));
    while (!todo.isEmpty()) {
      String rel = todo.pop();
      for (FileStatus s : fs.listStatus(rel.isEmpty() ? staging : new Path(staging, rel))) { // .crc hidden
        String path = child(rel, s.getPath().getName());
        if (s.isDirectory()) {
          folders.add(path);
          todo.push(path);
        } else if (!path.equals(OutputFolder.MARKER)) {
          files.add(path);
        }
      }
    }
    return new Manifest(command, false, folders, files);
  }

  /** Writes this manifest as {@code folder}'s marker; refuses one over {@link #MAX_BYTES}. */
  void write(FileSystem fs, Path folder) throws IOException {
    byte[] bytes = Json.line(new Marker("sparkprop", command, VERSION, folders, files));
    if (bytes.length > MAX_BYTES) {
      throw new IOException("the output holds " + files.size() + " files; their list (" + bytes.length
          + " bytes) exceeds the " + MAX_BYTES + " bytes a " + OutputFolder.MARKER + " may have");
    }
    try (OutputStream out = fs.create(new Path(folder, OutputFolder.MARKER), true)) {
      out.write(bytes);
    }
  }

  /** The manifest in {@code folder}'s marker; {@link Unusable} says why there is none sparkprop wrote. */
  static Manifest read(FileSystem fs, Path folder) throws Unusable {
    String m = OutputFolder.MARKER;
    byte[] bytes;
    try {
      Path marker = new Path(folder, m);
      FileStatus st = fs.getFileStatus(marker);
      if (!st.isFile()) throw new Unusable("its " + m + " is not a file");
      if (st.getLen() > MAX_BYTES) {
        throw new Unusable("its " + m + " has " + st.getLen() + " bytes, more than the " + MAX_BYTES + " sparkprop writes");
      }
      try (InputStream in = fs.open(marker)) {
        bytes = in.readNBytes((int) MAX_BYTES + 1);
      }
    } catch (FileNotFoundException e) {
      throw new Unusable("it has no " + m);
    } catch (IOException e) {
      throw new Unusable("its " + m + " cannot be read: " + e.getMessage());
    }
    if (bytes.length > MAX_BYTES) throw new Unusable("its " + m + " has more than the " + MAX_BYTES + " bytes sparkprop writes");
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) { // JsonProcessingException: not JSON
      throw new Unusable("its " + m + " is not JSON");
    }
    if (root == null || !root.isObject() || !"sparkprop".equals(root.path("tool").asText())) {
      throw new Unusable("its " + m + " does not name sparkprop as its tool");
    }
    if (!root.path("command").isTextual()) throw new Unusable("its " + m + " names no command");
    int version = root.path("version").asInt(1);
    if (version > VERSION) throw new Unusable("its " + m + " is of version " + version + ", newer than this sparkprop");
    return new Manifest(root.get("command").asText(), version == 1,
        version == 1 ? new TreeSet<>() : names(root, "folders"), names(root, "files"));
  }

  private static Set<String> names(JsonNode root, String key) throws Unusable {
    JsonNode list = root.get(key);
    if (list == null || !list.isArray()) throw new Unusable("its " + OutputFolder.MARKER + " has no list of " + key);
    Set<String> names = new TreeSet<>();
    for (JsonNode n : list) {
      if (!n.isTextual()) throw new Unusable("its " + OutputFolder.MARKER + " lists " + key + " that are not names");
      names.add(n.asText());
    }
    return names;
  }

  /** The first entry of {@code folder}, at any depth, that this manifest does not vouch for; null when none. */
  Foreign firstForeign(FileSystem fs, Path folder) throws IOException {
    Deque<String> todo = new ArrayDeque<>(List.of(""));
    while (!todo.isEmpty()) {
      String rel = todo.pop();
      for (Entry e : list(fs, rel.isEmpty() ? folder : new Path(folder, rel))) {
        String path = child(rel, e.name);
        if (topLevelOnly && !rel.isEmpty()) {
          String top = rel.contains("/") ? rel.substring(0, rel.indexOf('/')) : rel;
          return new Foreign(path, "which the " + OutputFolder.MARKER + " of an older sparkprop (naming top-level"
              + " entries only) cannot tell from a file of yours", top);
        }
        if (e.link) return new Foreign(path, "a symbolic link, which sparkprop did not make", path);
        if (e.folder ? !vouchesForFolder(path) : !vouchesForFile(rel, e.name)) {
          return new Foreign(path, "which sparkprop did not write", path);
        }
        if (e.folder) todo.push(path);
      }
    }
    return null;
  }

  private boolean vouchesForFolder(String path) {
    return topLevelOnly ? files.contains(path) : folders.contains(path);
  }

  private boolean vouchesForFile(String rel, String name) {
    String path = child(rel, name);
    if (files.contains(path) || path.equals(OutputFolder.MARKER)) return true;
    if (name.length() > 5 && name.startsWith(".") && name.endsWith(".crc")) { // Hadoop's checksum beside a file
      String of = child(rel, name.substring(1, name.length() - 4));
      return files.contains(of) || of.equals(OutputFolder.MARKER);
    }
    return false;
  }

  private static String child(String rel, String name) {
    return rel.isEmpty() ? name : rel + "/" + name;
  }

  private record Entry(String name, boolean folder, boolean link) {}

  /**
   * A folder's entries by name. On a local disk through java.nio, which shows everything (the checksum
   * files Hadoop's local file system hides, links without following them, dangling ones too).
   */
  private static List<Entry> list(FileSystem fs, Path dir) throws IOException {
    List<Entry> entries = new ArrayList<>();
    if ("file".equals(dir.toUri().getScheme())) {
      try (DirectoryStream<java.nio.file.Path> s = Files.newDirectoryStream(Paths.get(dir.toUri()))) {
        for (java.nio.file.Path p : s) {
          entries.add(new Entry(p.getFileName().toString(), Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS),
              Files.isSymbolicLink(p)));
        }
      }
    } else {
      for (FileStatus s : fs.listStatus(dir)) entries.add(new Entry(s.getPath().getName(), s.isDirectory(), s.isSymlink()));
    }
    entries.sort(Comparator.comparing(Entry::name));
    return entries;
  }
}
