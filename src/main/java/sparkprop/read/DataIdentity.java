package sparkprop.read;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkprop.BadInputException;

/**
 * What identifies the data a source reads, so that a training run resumes only on the data it began
 * with: the format, and for every file read its name (relative to the data's folder), size and
 * modification time — all from the listing — plus a digest of the first and last {@link #BLOCK}
 * bytes of up to {@link #DIGESTED_FILES} files (the first and last halves in reading order; for IDX,
 * CSV and LibSVM data that is every file, headers included). The content digest catches files replaced
 * with their size and time kept ({@code cp -p}, {@code rsync -t}); it costs at most 32 opens however many
 * files there are (a PNG set has 70,000).
 *
 * <p>{@link #components()} gives it as named values, for a fingerprint that must say what changed.
 */
public final class DataIdentity {
  /** Bytes digested at each end of a file. */
  public static final int BLOCK = 64 << 10;
  /** Files whose content is digested: the first and last halves of this many, in reading order. */
  public static final int DIGESTED_FILES = 32;
  /** Up to this many files, each is its own component (named in a message); beyond, one summary. */
  static final int LISTED_FILES = 64;
  /** Files of one folder looked up one by one; more are found by listing the folder once. */
  private static final int LOOKED_UP_ONE_BY_ONE = 8;

  private record Entry(String name, long size, long modified, String digest) {
    String describe() {
      return size + " bytes, modified " + Instant.ofEpochMilli(modified) + (digest == null ? "" : ", content " + digest);
    }
  }

  private final String format;
  private final List<Entry> files;

  private DataIdentity(String format, List<Entry> files) {
    this.format = format;
    this.files = files;
  }

  /**
   * The identity of {@code files}, read in this order, whose names are given relative to {@code root}.
   *
   * @param format what reads them ("idx", "csv", …)
   */
  public static DataIdentity of(String format, String root, List<FileStatus> files, FileSystem fs) {
    List<Entry> entries = new ArrayList<>();
    int n = files.size();
    int half = DIGESTED_FILES / 2;
    for (int k = 0; k < n; k++) {
      FileStatus f = files.get(k);
      String digest = k < half || k >= n - half ? digest(fs, f) : null;
      entries.add(new Entry(relative(root, f.getPath().toString()), f.getLen(), f.getModificationTime(), digest));
    }
    return new DataIdentity(format, entries);
  }

  /**
   * The identity of the files {@code paths} (qualified), read in this order, relative to {@code root}: a
   * few are looked up one by one, a folder holding many of them is listed once (a PNG label folder).
   */
  public static DataIdentity ofPaths(String format, String root, List<String> paths, Configuration conf) {
    try {
      FileSystem fs = new Path(root).getFileSystem(conf);
      Map<String, List<String>> byFolder = new LinkedHashMap<>();
      for (String p : paths) byFolder.computeIfAbsent(new Path(p).getParent().toString(), k -> new ArrayList<>()).add(p);
      Map<String, FileStatus> found = new HashMap<>();
      for (Map.Entry<String, List<String>> folder : byFolder.entrySet()) {
        if (folder.getValue().size() <= LOOKED_UP_ONE_BY_ONE) {
          for (String p : folder.getValue()) found.put(p, Listing.status(fs, new Path(p), p));
        } else {
          for (FileStatus s : fs.listStatus(new Path(folder.getKey()))) found.put(s.getPath().toString(), s);
        }
      }
      List<FileStatus> files = new ArrayList<>(paths.size());
      for (String p : paths) {
        FileStatus s = found.get(p);
        if (s == null) throw BadInputException.inFile(p, "no such file (it was there when the data was opened)");
        files.add(s);
      }
      return of(format, root, files, fs);
    } catch (IOException e) {
      throw new UncheckedIOException(root + ": " + e.getMessage(), e);
    }
  }

  /**
   * The identity of every file at {@code location}: the file itself, or every file below the folder
   * (hidden names, {@code .crc} and {@code _SUCCESS} left out, as Hadoop does), in name order.
   */
  public static DataIdentity ofLocation(String format, String location, Configuration conf) {
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(conf);
      FileStatus top = Listing.status(fs, path, location);
      if (top.isFile()) return of(format, top.getPath().getParent().toString(), List.of(top), fs);
      List<FileStatus> files = new ArrayList<>();
      Deque<FileStatus> folders = new ArrayDeque<>(List.of(top));
      while (!folders.isEmpty()) {
        for (FileStatus s : Listing.list(fs, folders.pop().getPath())) {
          if (s.isDirectory()) folders.push(s);
          else files.add(s);
        }
      }
      files.sort(Comparator.comparing(s -> s.getPath().toString()));
      return of(format, top.getPath().toString(), files, fs);
    } catch (FileNotFoundException e) {
      throw BadInputException.inFile(location, "no such file or folder");
    } catch (IOException e) {
      throw new UncheckedIOException(location + ": " + e.getMessage(), e);
    }
  }

  /**
   * Named values, in order: {@code format}; then, for up to {@link #LISTED_FILES} files, one
   * {@code file NAME} each ("N bytes, modified T, content D"); for more, {@code files} (their count,
   * bytes, newest time and a digest of the listing) and {@code contents} (a digest of the digests).
   */
  public Map<String, String> components() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("format", format);
    if (files.size() <= LISTED_FILES) {
      for (Entry e : files) c.put("file " + e.name, e.describe());
      return c;
    }
    long bytes = 0;
    long newest = Long.MIN_VALUE;
    StringBuilder listing = new StringBuilder();
    StringBuilder contents = new StringBuilder();
    for (Entry e : files) {
      bytes += e.size;
      newest = Math.max(newest, e.modified);
      listing.append(e.name).append('\0').append(e.size).append('\0').append(e.modified).append('\n');
      if (e.digest != null) contents.append(e.name).append('\0').append(e.digest).append('\n');
    }
    c.put("files", files.size() + " files, " + bytes + " bytes, newest modified " + Instant.ofEpochMilli(newest)
        + ", listing " + sha256(listing.toString().getBytes(StandardCharsets.UTF_8)));
    c.put("contents", sha256(contents.toString().getBytes(StandardCharsets.UTF_8)));
    return c;
  }

  private static String relative(String root, String path) {
    String prefix = root.endsWith("/") ? root : root + "/";
    return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
  }

  /** SHA-256 (16 hex digits) of the file's first and last {@link #BLOCK} bytes (its whole content when smaller). */
  private static String digest(FileSystem fs, FileStatus f) {
    long size = f.getLen();
    try (FSDataInputStream in = fs.open(f.getPath())) {
      byte[] head = in.readNBytes((int) Math.min(BLOCK, size));
      byte[] tail = new byte[0];
      if (size > BLOCK) {
        long from = Math.max(BLOCK, size - BLOCK);
        in.seek(from);
        tail = in.readNBytes((int) (size - from));
      }
      return sha256(head, tail);
    } catch (IOException e) {
      throw new UncheckedIOException(f.getPath() + ": " + e.getMessage(), e);
    }
  }

  /** The first 16 hex digits of the SHA-256 of the parts, one after the other. */
  private static String sha256(byte[]... parts) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) d.update(p);
      return HexFormat.of().formatHex(d.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
