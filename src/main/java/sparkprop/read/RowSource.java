package sparkprop.read;

import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;

/**
 * A dataset that can hand out any range of its rows, by row id, to whoever asks: an executor reading
 * its own partition, or the driver reading everything for the single-node reference. Only headers
 * are read to build one; it is shipped to the executors, so it holds paths, not streams.
 */
public interface RowSource extends Serializable {
  /** Number of rows in the dataset. */
  long rowCount();

  /** Pixels per image (m): the model's input width. */
  int pixelsPerImage();

  /** Rows {@code [firstRow, firstRow + count)}, with ids {@code firstRow …}. */
  RowChunk read(long firstRow, int count, Configuration conf);

  /** The data's location, for messages and the report. */
  String location();
}
