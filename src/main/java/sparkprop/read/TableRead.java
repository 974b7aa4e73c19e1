package sparkprop.read;

/**
 * How the rows of one table file are read: where they go and what they become.
 *
 * @param file the file's qualified path, for messages
 * @param width pixels per row, m
 * @param firstId the id of the file's row 0: the rows of every file before it in path order
 * @param perBatch the most rows read into one chunk (at most {@link IdxDataset#MAX_CHUNK_BYTES} of pixels)
 */
record TableRead(String file, TableLayout layout, double pixelMax, int width, long firstId, int perBatch) {
  TableRead {
    if (width <= 0 || perBatch <= 0) throw new IllegalArgumentException("width " + width + ", batch " + perBatch);
  }

  /** Rows per chunk for rows of {@code width} pixels. */
  static int perBatch(int width) {
    return (int) Math.max(1, IdxDataset.MAX_CHUNK_BYTES / width);
  }
}
