package sparkprop.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import sparkprop.cluster.StandaloneCluster.WorkerSpec;

/**
 * The one standalone cluster (a master and three 1-core workers, see {@link StandaloneCluster}) that every
 * cluster test of a JVM shares: failsafe runs the integration tests in one JVM, and starting a cluster
 * costs a master, the workers and their registration each time. The workers are three hosts to Spark
 * ({@link #HOSTS}: each its own loopback address, {@code SPARK_LOCAL_IP} per worker), which the screen
 * needs to place replicas on distinct hosts and name one; the other tests see three executors. A test class asks for it as a
 * parameter ({@code @ExtendWith(SharedCluster.Resolver.class)}, {@code @BeforeAll static void
 * start(SharedCluster shared)}); the first one starts it, and it stops when the test run ends (JUnit
 * closes the root store), its logs and outputs in {@code target/cluster-tests/<time>/} deleted then
 * unless a test {@linkplain #keep kept them} or {@code -Dsparkprop.cluster.keep=true}.
 *
 * <p>Drivers authenticate with {@link #driverSecretFile} (spark-submit's {@code --extra-properties-file}),
 * never with the secret on a command line.
 */
final class SharedCluster implements AutoCloseable {
  /** The workers' addresses, one worker each. */
  static final List<String> HOSTS = List.of("127.0.0.2", "127.0.0.3", "127.0.0.4");
  final Path project;
  /** Where the cluster's logs and every test's outputs go. */
  final Path runDir;
  final String secret;
  /** spark.authenticate, the secret and RPC encryption, mode 600, for the drivers. */
  final Path driverSecretFile;
  final StandaloneCluster cluster;
  private volatile boolean keep = Boolean.getBoolean("sparkprop.cluster.keep");

  private SharedCluster(Path project, Path runDir, String secret, Path driverSecretFile, StandaloneCluster cluster) {
    this.project = project;
    this.runDir = runDir;
    this.secret = secret;
    this.driverSecretFile = driverSecretFile;
    this.cluster = cluster;
  }

  /** Resolves a {@link SharedCluster} parameter to the run's one cluster, started on first use. */
  static final class Resolver implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == SharedCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
          .getOrComputeIfAbsent(SharedCluster.class, k -> start(), SharedCluster.class);
    }
  }

  private static SharedCluster start() {
    Path project = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    for (String built : new String[] {"target/sparkprop.jar", "target/spark-home/jars"}) {
      assertTrue(Files.exists(project.resolve(built)),
          built + " is missing: run the cluster tests with `mvn verify -Pcluster`, which builds it first");
    }
    try {
      Path runDir = Files.createDirectories(project.resolve("target/cluster-tests")
          .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"))));
      String secret = randomSecret();
      Submission.neverShow(secret);
      List<WorkerSpec> workers = HOSTS.stream().map(h -> new WorkerSpec(h, Map.of())).toList();
      StandaloneCluster cluster = StandaloneCluster.start(project, runDir, secret, workers, 1, 2048, Duration.ofSeconds(120));
      Path driverSecretFile = StandaloneCluster.writePrivate(runDir.resolve("driver-secret.conf"),
          StandaloneCluster.authentication(secret), "the driver's secret, for spark-submit --extra-properties-file");
      return new SharedCluster(project, runDir, secret, driverSecretFile, cluster);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the cluster started", e);
    }
  }

  /** 24 random bytes in hex. */
  static String randomSecret() {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  /** Keeps {@link #runDir} after the run, for a failure to be looked into. */
  void keep() {
    keep = true;
  }

  @Override
  public void close() {
    cluster.close();
    if (keep) {
      System.err.println("cluster test logs and outputs kept in " + runDir);
    } else {
      StandaloneCluster.deleteRecursively(runDir);
    }
  }
}
