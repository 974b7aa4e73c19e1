package sparkprop.read;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkprop.BadInputException;

/**
 * The files of a Spark table as Spark writes it: {@code part-*.parquet} or {@code *.orc} files in a
 * folder and in its partition folders {@code name=value/} at any depth, hidden names ({@code _SUCCESS},
 * {@code .crc}) left out, sorted by path; or one such file. The partition columns are the names of
 * those folders.
 */
record TableListing(String root, List<FileStatus> files, Set<String> partitionColumns) {
  /** The data files of {@code format} at {@code location}. */
  static TableListing of(FileSystem fs, Path path, String location, DataFormat format) throws IOException {
    FileStatus top = Listing.status(fs, path, location);
    if (top.isFile()) return new TableListing(top.getPath().getParent().toString(), List.of(top), Set.of());
    String root = top.getPath().toString();
    List<FileStatus> files = new ArrayList<>();
    Set<String> partitions = new LinkedHashSet<>();
    Deque<FileStatus> folders = new ArrayDeque<>(List.of(top));
    while (!folders.isEmpty()) {
      for (FileStatus s : Listing.list(fs, folders.pop().getPath())) {
        String name = s.getPath().getName();
        if (s.isDirectory() && name.indexOf('=') > 0) {
          partitions.add(name.substring(0, name.indexOf('=')));
          folders.push(s);
        } else if (s.isFile() && isTableFile(name, format)) {
          files.add(s);
        }
      }
    }
    if (files.isEmpty()) {
      throw BadInputException.inFile(root, "no ." + format.label() + " files in the folder or its name=value folders"
          + " (found " + Listing.describe(Listing.list(fs, top.getPath())) + ")");
    }
    files.sort(Comparator.comparing(s -> s.getPath().toString()));
    return new TableListing(root, files, partitions);
  }

  /** Whether a file of this name is a file of a table in {@code format} (parquet or orc). */
  static boolean isTableFile(String name, DataFormat format) {
    return Listing.lower(name).endsWith("." + format.label());
  }

  /** The table format of a folder's entries, looking into name=value folders; null if none. */
  static DataFormat detect(FileSystem fs, List<FileStatus> entries) throws IOException {
    for (FileStatus s : entries) {
      String name = s.getPath().getName();
      if (s.isFile() && isTableFile(name, DataFormat.PARQUET)) return DataFormat.PARQUET;
      if (s.isFile() && isTableFile(name, DataFormat.ORC)) return DataFormat.ORC;
    }
    for (FileStatus s : entries) {
      if (s.isDirectory() && s.getPath().getName().indexOf('=') > 0) {
        DataFormat f = detect(fs, Listing.list(fs, s.getPath()));
        if (f != null) return f;
      }
    }
    return null;
  }
}
