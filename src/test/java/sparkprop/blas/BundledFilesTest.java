package sparkprop.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extraction into a content-addressed folder: complete or absent, shared, repaired, private. */
class BundledFilesTest {
  @TempDir
  Path tmp;

  private static List<BundledFiles.Entry> entries() throws IOException {
    return BundledFiles.entries(BundledFilesTest.class.getClassLoader());
  }

  @Test
  void extractsEveryFileIntactIntoAFolderNamedByTheirContent() throws IOException {
    List<BundledFiles.Entry> entries = entries();
    assertEquals(BundledFiles.FILES, entries.stream().map(e -> e.name).collect(Collectors.toList()));
    Path base = tmp.resolve("base");
    Path dir = BundledFiles.extract(entries, base);
    assertEquals(base.resolve(BundledFiles.key(entries)), dir);
    assertNull(BundledFiles.intact(dir, entries));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(base)));
    assertEquals(dir, BundledFiles.extract(entries, base), "a second extraction reuses the folder");
    try (Stream<Path> s = Files.list(base)) {
      assertEquals(List.of(dir), s.collect(Collectors.toList()), "nothing but the one folder is left");
    }
    assertTrue(entries.get(3).size > 10_000_000, "libopenblas.so.0 is the real library");
  }

  @Test
  void concurrentExtractionsAgreeOnOneCompleteFolder() throws Exception {
    List<BundledFiles.Entry> entries = entries();
    Path base = tmp.resolve("base");
    int n = 4;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<Path>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Callable<Path> c = () -> {
          start.await();
          return BundledFiles.extract(entries, base);
        };
        results.add(pool.submit(c));
      }
      start.countDown();
      Set<Path> dirs = new HashSet<>();
      for (Future<Path> f : results) dirs.add(f.get());
      assertEquals(1, dirs.size(), dirs.toString());
      Path dir = dirs.iterator().next();
      assertNull(BundledFiles.intact(dir, entries));
      try (Stream<Path> s = Files.list(base)) {
        assertEquals(List.of(dir), s.collect(Collectors.toList()), "staging folders were removed");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aDamagedFolderIsReplacedNotReused() throws IOException {
    List<BundledFiles.Entry> entries = entries();
    Path base = tmp.resolve("base");
    Path dir = BundledFiles.extract(entries, base);
    Path lib = dir.resolve(BundledFiles.OPENBLAS);
    lib.toFile().setWritable(true);
    try (RandomAccessFile f = new RandomAccessFile(lib.toFile(), "rw")) {
      f.setLength(f.length() / 2); // as a partial copy or a temp cleaner would leave it
    }
    assertTrue(BundledFiles.intact(dir, entries).contains("bytes, expected"));
    assertEquals(dir, BundledFiles.extract(entries, base));
    assertNull(BundledFiles.intact(dir, entries));

    // A flipped byte with the size unchanged is caught by the checksum.
    lib.toFile().setWritable(true);
    try (RandomAccessFile f = new RandomAccessFile(lib.toFile(), "rw")) {
      f.seek(1000);
      int b = f.read();
      f.seek(1000);
      f.write(b ^ 0xff);
    }
    assertTrue(BundledFiles.intact(dir, entries).contains("CRC-32"));
    assertEquals(dir, BundledFiles.extract(entries, base));
    assertNull(BundledFiles.intact(dir, entries));
  }

  @Test
  void aBaseOthersCanWriteToIsNotUsed() throws IOException {
    Path shared = Files.createDirectory(tmp.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path used = BundledFiles.privateBase(shared);
    assertNotEquals(shared, used);
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(used)));
    BundledFiles.deleteTree(used);

    Path link = Files.createSymbolicLink(tmp.resolve("link"), Files.createDirectory(tmp.resolve("target")));
    Path viaLink = BundledFiles.privateBase(link);
    assertNotEquals(link, viaLink, "a symbolic link is not trusted as the base");
    BundledFiles.deleteTree(viaLink);
  }

  @Test
  void theKeyChangesWithTheContent() throws IOException {
    List<BundledFiles.Entry> entries = entries();
    List<BundledFiles.Entry> other = new ArrayList<>(entries);
    BundledFiles.Entry e = other.get(0);
    other.set(0, new BundledFiles.Entry(e.name, e.url, e.size, e.crc ^ 1));
    assertNotEquals(BundledFiles.key(entries), BundledFiles.key(other));
    assertEquals(16, BundledFiles.key(entries).length());
  }
}
