package sparkprop.read;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;

/**
 * A serializable holder of a Hadoop {@link Configuration}, so that executors can open the files the
 * driver found (Hadoop's {@code Configuration} is {@code Writable} but not {@code Serializable}).
 *
 * <p>The configuration travels as its {@code Writable} form: every property set on the driver,
 * defaults included, arrives on the executor.
 */
public final class HadoopConf implements Serializable {
  private static final long serialVersionUID = 1L;

  private transient Configuration conf;

  /** Holds {@code conf} itself (not a copy): changes made to it before serialization travel too. */
  public HadoopConf(Configuration conf) {
    this.conf = Objects.requireNonNull(conf, "conf");
  }

  /** The held configuration. */
  public Configuration get() {
    return conf;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    conf.write(out);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    conf = new Configuration(false);
    conf.readFields(in);
  }
}
