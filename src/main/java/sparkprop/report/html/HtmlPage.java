package sparkprop.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A whole report page from the template {@code sparkprop/report/page.html} and the stylesheet
 * {@code sparkprop/report/report.css}, filled by plain replacement of {@code {{title}}},
 * {@code {{style}}} and {@code {{body}}}. Shared by every report (the check's, later training's).
 */
final class HtmlPage {
  private static final String TEMPLATE = resource("page.html");
  private static final String STYLE = resource("report.css");

  private HtmlPage() {}

  /** @param bodyHtml the page's content, already HTML */
  static byte[] render(String title, String bodyHtml) {
    // The body goes in last so that nothing in it is ever taken for a placeholder.
    int at = TEMPLATE.indexOf("{{body}}");
    String head = TEMPLATE.substring(0, at).replace("{{title}}", Html.esc(title)).replace("{{style}}", STYLE);
    String tail = TEMPLATE.substring(at + "{{body}}".length());
    return (head + bodyHtml + tail).getBytes(StandardCharsets.UTF_8);
  }

  private static String resource(String name) {
    try (InputStream in = HtmlPage.class.getResourceAsStream("/sparkprop/report/" + name)) {
      if (in == null) throw new IllegalStateException("missing resource sparkprop/report/" + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
