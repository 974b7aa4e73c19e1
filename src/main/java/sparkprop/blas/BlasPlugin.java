package sparkprop.blas;

import java.util.Collections;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * Installs the bundled OpenBLAS ({@link BundledOpenBlas#install()}) in every executor JVM as it starts,
 * before it runs any task, and in the driver as its SparkContext starts. Register it with
 *
 * <pre>
 *   spark.plugins  sparkprop.blas.BlasPlugin
 * </pre>
 *
 * (conf/spark-defaults.conf does; a properties file of your own, a notebook or a test must set it too:
 * without it an executor installs the library at its first task that calls {@code BlasInfo.current()}
 * or {@code sparkprop.nn.Blas}, which is too late if MLlib or Breeze touched netlib before). In local
 * mode the driver and the executor are one JVM: the first of the two installs, the other finds it done.
 * On the driver, call {@code BundledOpenBlas.install()} first thing in main: a SparkContext starts
 * after code that may already have touched netlib.
 */
public final class BlasPlugin implements SparkPlugin {
  private static volatile boolean executorPluginRan;
  private static volatile boolean driverPluginRan;

  /** True once this JVM's executor plugin has run its init. */
  public static boolean executorPluginRan() {
    return executorPluginRan;
  }

  /** True once this JVM's driver plugin has run its init. */
  public static boolean driverPluginRan() {
    return driverPluginRan;
  }

  @Override
  public DriverPlugin driverPlugin() {
    return new DriverPlugin() {
      @Override
      public Map<String, String> init(SparkContext sc, PluginContext ctx) {
        BundledOpenBlas.install();
        driverPluginRan = true;
        return Collections.emptyMap();
      }
    };
  }

  @Override
  public ExecutorPlugin executorPlugin() {
    return new ExecutorPlugin() {
      @Override
      public void init(PluginContext ctx, Map<String, String> extraConf) {
        BundledOpenBlas.install();
        executorPluginRan = true;
      }
    };
  }
}
