package sparkprop.blas;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Copies the bundled OpenBLAS files out of the class path into a folder that the dynamic loader can
 * open: {@code <base>/<key>/}, where {@code <base>} is {@code ${java.io.tmpdir}/sparkprop-openblas-<user>}
 * (or {@code -Dsparkprop.blas.dir}) and {@code <key>} is a hash of the files' names, sizes and CRC-32s
 * (the jar's own checksums, read without decompressing): another sparkprop version with other files gets
 * another folder, the same files share one.
 *
 * <p>Safe with concurrent JVMs (several executors, drivers and test forks on one host): a folder is
 * only ever complete. Each JVM extracts into its own temporary folder beside it, checks every file's
 * size and CRC-32 against the jar's, then renames the folder into place atomically; one that finds the
 * folder already there checks it the same way and uses it. A folder that fails the check (truncated or
 * altered) is renamed aside and replaced, never written into. The base folder must be a real directory
 * owned by this user and writable by no one else; otherwise a private temporary folder is used.
 */
final class BundledFiles {
  /** Where the classifier jar org.bytedeco:openblas:…:linux-x86_64 keeps the libraries. */
  static final String RESOURCE_DIR = "org/bytedeco/openblas/linux-x86_64/";
  /**
   * The files, in the order they must be loaded: libopenblas.so.0 finds libgfortran beside it through
   * its RUNPATH $ORIGIN, but libgfortran has no RUNPATH, so its own dependencies (libquadmath,
   * libgcc_s) are loaded first by path. libgcc_s is loaded only where the process has none.
   */
  static final List<String> FILES = List.of("libgcc_s.so.1", "libquadmath.so.0", "libgfortran.so.5", "libopenblas.so.0");
  static final String OPENBLAS = "libopenblas.so.0";
  private static final long STALE_MILLIS = TimeUnit.HOURS.toMillis(1);

  private BundledFiles() {}

  /** One bundled file: where it is and what it must be. */
  static final class Entry {
    final String name;
    final URL url;
    final long size;
    final long crc;

    Entry(String name, URL url, long size, long crc) {
      this.name = name;
      this.url = url;
      this.size = size;
      this.crc = crc;
    }
  }

  /** The bundled OpenBLAS files on the class path, or an exception naming the first one missing. */
  static List<Entry> entries(ClassLoader loader) throws IOException {
    return entries(loader, RESOURCE_DIR, FILES);
  }

  /** The files {@code names} of the resource folder {@code dir}, or an exception naming the first one missing. */
  static List<Entry> entries(ClassLoader loader, String dir, List<String> names) throws IOException {
    List<Entry> out = new ArrayList<>();
    for (String name : names) {
      URL url = loader.getResource(dir + name);
      if (url == null) throw new IOException(dir + name + " is not on the class path");
      out.add(describe(name, url));
    }
    return out;
  }

  private static Entry describe(String name, URL url) throws IOException {
    if (url.getProtocol().equals("jar")) {
      URLConnection c = url.openConnection();
      if (c instanceof JarURLConnection) {
        JarURLConnection jc = (JarURLConnection) c;
        jc.setUseCaches(false); // a private JarFile, closed here, not one shared with the class loader
        JarFile jar = jc.getJarFile();
        try {
          JarEntry e = jar.getJarEntry(jc.getEntryName());
          if (e != null && e.getSize() >= 0 && e.getCrc() >= 0) return new Entry(name, url, e.getSize(), e.getCrc());
        } finally {
          jar.close();
        }
      }
    }
    // Not in a jar (an exploded class folder): read it once for its size and checksum.
    CRC32 crc = new CRC32();
    long size = 0;
    byte[] buf = new byte[1 << 16];
    try (InputStream in = url.openStream()) {
      for (int n; (n = in.read(buf)) > 0; size += n) crc.update(buf, 0, n);
    }
    return new Entry(name, url, size, crc.getValue());
  }

  /** The content key: the first 16 hex digits of SHA-256 over every file's name, size and CRC-32. */
  static String key(List<Entry> entries) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Entry e : entries) sha.update((e.name + ' ' + e.size + ' ' + e.crc + '\n').getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code ${java.io.tmpdir}/sparkprop-openblas-<user>}, or the folder named by -Dsparkprop.blas.dir. */
  static Path defaultBase() {
    String dir = System.getProperty("sparkprop.blas.dir");
    if (dir != null && !dir.isEmpty()) return Paths.get(dir);
    String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
    return Paths.get(System.getProperty("java.io.tmpdir"), "sparkprop-openblas-" + user);
  }

  /** Extracts (or finds already extracted and intact) the files; returns the folder that holds them. */
  static Path extract(List<Entry> entries, Path base) throws IOException {
    Path root = privateBase(base);
    Path target = root.resolve(key(entries));
    for (int attempt = 0; attempt < 3; attempt++) {
      if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) && intact(target, entries) == null) return target;
      cleanLeftovers(root);
      Path staging = Files.createTempDirectory(root, ".tmp-" + target.getFileName() + "-");
      try {
        for (Entry e : entries) write(e, staging.resolve(e.name));
        String problem = intact(staging, entries);
        if (problem != null) throw new IOException("extracted files do not match the jar: " + problem);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && intact(target, entries) != null) {
          // Damaged: move it aside (processes that mapped its files keep them), then replace it.
          moveAtomically(target, Files.createTempDirectory(root, ".stale-").resolve("d"));
        }
        try {
          moveAtomically(staging, target);
          staging = null;
          return target;
        } catch (IOException lostRace) {
          // Another JVM renamed its folder into place first: check that one on the next round.
        }
      } finally {
        if (staging != null) deleteTree(staging);
      }
    }
    String problem = Files.isDirectory(target) ? intact(target, entries) : "missing";
    if (problem == null) return target;
    throw new IOException("could not extract the bundled OpenBLAS to " + target + ": " + problem);
  }

  /** null when every file in {@code dir} has the jar's size and CRC-32, else what is wrong. */
  static String intact(Path dir, List<Entry> entries) {
    byte[] buf = new byte[1 << 16];
    for (Entry e : entries) {
      Path f = dir.resolve(e.name);
      try {
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) return f + " is missing";
        if (Files.size(f) != e.size) return f + " has " + Files.size(f) + " bytes, expected " + e.size;
        CRC32 crc = new CRC32();
        try (InputStream in = Files.newInputStream(f)) {
          for (int n; (n = in.read(buf)) > 0; ) crc.update(buf, 0, n);
        }
        if (crc.getValue() != e.crc) return f + " has CRC-32 " + Long.toHexString(crc.getValue()) + ", expected " + Long.toHexString(e.crc);
      } catch (IOException x) {
        return f + ": " + x;
      }
    }
    return null;
  }

  private static void write(Entry e, Path to) throws IOException {
    try (InputStream in = e.url.openStream(); OutputStream out = Files.newOutputStream(to)) {
      in.transferTo(out);
    }
    Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("r-x------"));
  }

  private static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cannot rename " + from + " to " + to + " atomically", e);
    }
  }

  /**
   * {@code base} itself when it is (or can be made) a directory of ours that no one else can write to;
   * otherwise a new private temporary folder (nothing shared, but nothing planted by another user either).
   */
  static Path privateBase(Path base) throws IOException {
    Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rwx------");
    try {
      if (!Files.exists(base, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(base.toAbsolutePath().getParent());
        try {
          Files.createDirectory(base, PosixFilePermissions.asFileAttribute(owner));
        } catch (java.nio.file.FileAlreadyExistsException raced) {
          // created by a concurrent JVM: checked below
        }
      }
      if (Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS) && ownedByMe(base)) {
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(base, LinkOption.NOFOLLOW_LINKS);
        if (!p.contains(PosixFilePermission.GROUP_WRITE) && !p.contains(PosixFilePermission.OTHERS_WRITE)) return base;
      }
    } catch (IOException | UnsupportedOperationException e) {
      // fall through to a private folder
    }
    return Files.createTempDirectory("sparkprop-openblas-"); // rwx------ on POSIX
  }

  private static boolean ownedByMe(Path p) throws IOException {
    Object mine = Files.getAttribute(Paths.get("/proc/self"), "unix:uid");
    return mine.equals(Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS));
  }

  /** Deletes staging and stale folders that JVMs killed mid-way left behind more than an hour ago. */
  private static void cleanLeftovers(Path root) {
    long cutoff = System.currentTimeMillis() - STALE_MILLIS;
    try (Stream<Path> s = Files.list(root)) {
      s.filter(p -> {
        String n = p.getFileName().toString();
        if (!n.startsWith(".tmp-") && !n.startsWith(".stale-")) return false;
        try {
          FileTime t = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
          return t.toMillis() < cutoff;
        } catch (IOException e) {
          return false;
        }
      }).forEach(BundledFiles::deleteTree);
    } catch (IOException | RuntimeException e) {
      // best effort
    }
  }

  static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // best effort
        }
      });
    } catch (IOException | RuntimeException e) {
      // best effort
    }
  }
}
