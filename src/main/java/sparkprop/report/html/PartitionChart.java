package sparkprop.report.html;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import sparkprop.aggregate.PartitionRecord;

/** Rows and compute time per partition, one bar each, the partitions that deviated in red. */
final class PartitionChart {
  static final Color NORMAL = new Color(0x4e79a7);
  static final Color DEVIATES = new Color(0xd62728);
  /** Beyond this many partitions the axis shows no labels, only the bars. */
  static final int MAX_LABELLED = 48;
  /** Up to this many partitions each label names the executor and host too. */
  static final int MAX_PLACES = 12;

  private PartitionChart() {}

  /** @param deviating partition numbers that differ from their recomputation; null when not verified */
  static JFreeChart chart(java.util.List<PartitionRecord> records, Set<Integer> deviating) {
    DefaultCategoryDataset rows = new DefaultCategoryDataset();
    DefaultCategoryDataset millis = new DefaultCategoryDataset();
    Set<Integer> given = deviating == null ? Set.of() : deviating;
    Set<Integer> bad = new java.util.HashSet<>(); // column indices
    for (PartitionRecord p : records) {
      String label = records.size() <= MAX_PLACES ? p.partition + "\nexecutor " + p.executorId + "\n" + p.host
          : String.valueOf(p.partition);
      if (given.contains(p.partition)) bad.add(rows.getColumnCount());
      rows.addValue(p.rows, "rows", label);
      millis.addValue(p.millis, "ms", label);
    }

    CategoryAxis x = new CategoryAxis(records.size() <= MAX_PLACES ? "partition, executor, host"
        : records.size() <= MAX_LABELLED ? "partition"
        : "partition 0 … " + (records.size() - 1));
    x.setTickLabelsVisible(records.size() <= MAX_LABELLED);
    x.setCategoryLabelPositions(records.size() > 30 ? CategoryLabelPositions.UP_90 : CategoryLabelPositions.STANDARD);
    x.setCategoryMargin(0.15);
    x.setMaximumCategoryLabelLines(3);
    CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(x);
    plot.add(subplot(rows, "rows", bad), 1);
    plot.add(subplot(millis, "compute time (ms)", bad), 1);
    plot.setGap(12);

    LegendItemCollection legend = new LegendItemCollection();
    legend.add(new LegendItem(deviating == null ? "partition (not verified)" : "matches its recomputation", NORMAL));
    if (deviating != null) legend.add(new LegendItem("differs from its recomputation on the driver", DEVIATES));
    plot.setFixedLegendItems(legend);

    JFreeChart chart = new JFreeChart("Rows and compute time per partition", new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  /** @param bad the columns to draw red */
  private static CategoryPlot subplot(DefaultCategoryDataset data, String label, Set<Integer> bad) {
    BarRenderer bars = new BarRenderer() {
      private static final long serialVersionUID = 1L;

      @Override
      public Paint getItemPaint(int row, int column) {
        return bad.contains(column) ? DEVIATES : NORMAL;
      }
    };
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setDrawBarOutline(false);
    bars.setMaximumBarWidth(0.08);
    NumberAxis y = new NumberAxis(label);
    y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    CategoryPlot plot = new CategoryPlot(data, null, y, bars);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    return plot;
  }
}
