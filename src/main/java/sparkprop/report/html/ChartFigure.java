package sparkprop.report.html;

import org.jfree.chart.JFreeChart;

/**
 * One chart of the report with its size in CSS pixels and its name: the page's element id and, with
 * ".png", its file name for {@code --report-png}.
 */
record ChartFigure(String name, JFreeChart chart, int width, int height) {
  String svg() {
    return ChartImages.svg(chart, width, height, name);
  }

  byte[] png() {
    return ChartImages.png(chart, width, height);
  }

  /** The chart as a {@code <figure>}, scaled to the column's width but never beyond its own. */
  String html(String caption) {
    return "<figure class=\"chart\" style=\"max-width:" + width + "px\">\n" + svg() + "\n"
        + (caption == null ? "" : "<figcaption>" + caption + "</figcaption>\n") + "</figure>\n";
  }
}
