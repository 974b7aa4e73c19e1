package sparkprop.read;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkprop.BadInputException;

/** Listing helpers shared by the sources: what a path is, which files of a folder are data. */
final class Listing {
  private Listing() {}

  /** Suffixes of whole-file compression, which byte-range splits cannot read. */
  private static final String[] COMPRESSED = {".gz", ".bz2", ".xz", ".zst", ".zip", ".lz4", ".snappy", ".deflate"};

  /** Hadoop's convention: names starting with '.' or '_' are not data (.crc files, _SUCCESS). */
  static boolean isHidden(String name) {
    return name.startsWith(".") || name.startsWith("_");
  }

  static boolean isCsv(String name) {
    return lower(name).endsWith(".csv");
  }

  static boolean isLibSvmName(String name) {
    String n = lower(name);
    return n.endsWith(".libsvm") || n.endsWith(".svm") || n.endsWith(".txt");
  }

  static boolean isPng(String name) {
    return lower(name).endsWith(".png");
  }

  static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** The status of {@code path}, or bad input naming {@code location} when there is nothing there. */
  static FileStatus status(FileSystem fs, Path path, String location) throws IOException {
    try {
      return fs.getFileStatus(path);
    } catch (FileNotFoundException e) {
      throw BadInputException.inFile(location, "no such file or folder");
    }
  }

  /** The entries of a folder sorted by name (hidden ones left out). */
  static List<FileStatus> list(FileSystem fs, Path folder) throws IOException {
    List<FileStatus> out = new ArrayList<>();
    for (FileStatus s : fs.listStatus(folder)) {
      if (!isHidden(s.getPath().getName())) out.add(s);
    }
    out.sort(Comparator.comparing(s -> s.getPath().getName()));
    return out;
  }

  /**
   * The data files at {@code location}: the file itself, or the files of a folder whose names
   * {@code wanted} accepts (sorted by name); bad input with {@code none} when a folder has none.
   */
  static List<FileStatus> textFiles(FileSystem fs, Path path, String location, Predicate<String> wanted,
      String none) throws IOException {
    FileStatus status = status(fs, path, location);
    if (status.isFile()) return List.of(status);
    List<FileStatus> files = new ArrayList<>();
    for (FileStatus s : list(fs, path)) {
      if (s.isFile() && wanted.test(s.getPath().getName())) files.add(s);
    }
    if (files.isEmpty()) {
      throw BadInputException.inFile(status.getPath().toString(), none + " in the folder (found " + describe(list(fs, path)) + ")");
    }
    return files;
  }

  /** Refuses files compressed as a whole: a byte range of one cannot be read on its own. */
  static void refuseCompressed(List<FileStatus> files) {
    for (FileStatus f : files) {
      String name = lower(f.getPath().getName());
      for (String suffix : COMPRESSED) {
        if (name.endsWith(suffix)) {
          throw BadInputException.inFile(f.getPath().toString(), "compressed text (" + suffix + ") cannot be split"
              + " into byte ranges for the executors: decompress it first");
        }
      }
    }
  }

  /** Names of some entries, folders with a trailing '/', for messages: "a.txt, b/, … (12 in all)". */
  static String describe(List<FileStatus> entries) {
    if (entries.isEmpty()) return "nothing";
    StringBuilder b = new StringBuilder();
    int shown = Math.min(entries.size(), 10);
    for (int i = 0; i < shown; i++) {
      if (i > 0) b.append(", ");
      b.append(entries.get(i).getPath().getName()).append(entries.get(i).isDirectory() ? "/" : "");
    }
    if (shown < entries.size()) b.append(", ... (").append(entries.size()).append(" in all)");
    return b.toString();
  }
}
