package sparkprop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.fs.FileUtil;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One in-process HDFS (Hadoop's MiniDFSCluster: a namenode and one datanode, every port on 127.0.0.1)
 * that every test of the JVM that needs {@code hdfs://} shares: starting one costs seconds, and the
 * tests write under folders of their own. A test asks for it as a parameter
 * ({@code @ExtendWith(SharedHdfs.Resolver.class)}); the first one starts it, and it stops, its folder
 * deleted, when the test run ends (JUnit closes the root store). The namenode accepts blocks down to
 * 4 KiB, so that a test can write small files across several blocks ({@code dfs.blocksize} on its own
 * {@link #conf()}).
 */
public final class SharedHdfs implements ExtensionContext.Store.CloseableResource {
  private final MiniDFSCluster cluster;
  private final Path dir;
  /** hdfs://127.0.0.1:PORT */
  public final String uri;

  private SharedHdfs(MiniDFSCluster cluster, Path dir) {
    this.cluster = cluster;
    this.dir = dir;
    this.uri = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
  }

  /** Resolves a {@link SharedHdfs} parameter to the JVM's one HDFS, started on first use. */
  public static final class Resolver implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == SharedHdfs.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
          .getOrComputeIfAbsent(SharedHdfs.class, k -> start(), SharedHdfs.class);
    }
  }

  private static SharedHdfs start() {
    try {
      Path dir = Files.createTempDirectory("sparkprop-hdfs");
      Configuration conf = new Configuration();
      conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.toString());
      conf.setLong("dfs.namenode.fs-limits.min-block-size", 4096);
      for (String key : new String[] {"dfs.datanode.address", "dfs.datanode.http.address", "dfs.datanode.ipc.address",
          "dfs.namenode.http-address"}) {
        conf.set(key, "127.0.0.1:0");
      }
      MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
      cluster.waitActive();
      return new SharedHdfs(cluster, dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A new client configuration whose default file system is this HDFS. Closing a file waits until the
   * namenode counts its last block complete, polling from {@code
   * dfs.client.block.write.locateFollowingBlock.initial.delay.ms} (400 ms by default, a delay for a real
   * cluster's network): here the datanode reports at once, so the client polls after 10 ms.
   */
  public Configuration conf() {
    Configuration conf = new Configuration();
    conf.set("fs.defaultFS", uri);
    conf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 10);
    return conf;
  }

  @Override
  public void close() {
    cluster.shutdown();
    FileUtil.fullyDelete(dir.toFile());
  }
}
