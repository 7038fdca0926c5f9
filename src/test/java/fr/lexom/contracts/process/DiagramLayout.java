package fr.lexom.contracts.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads the diagram (BPMN DI) of a model and lists where an external label would be drawn over
 * another label, a flow or a shape, as bpmn-js (the viewer of Cockpit and of docs/render-diagrams.js)
 * draws it.
 *
 * <p>The text box of a label is laid out the way bpmn-js and diagram-js do it, not taken
 * as the DI label bounds:
 * <ul>
 *   <li>external labels (events, gateways, data objects and stores, sequence and message flows,
 *       groups) with a non-blank name; task names are drawn inside their task and are ignored;
 *   <li>with a {@code bpmndi:BPMNLabel}: each line is centred on the DI box's horizontal centre,
 *       the first line at the DI box's top; the text is wrapped to max(90, DI width) pixels by
 *       Cockpit 7.24 (as by the newest bpmn-js), but to the DI width itself by bpmn-js 18.31.1
 *       pinned in package.json for docs/render-diagrams.js: the box checked is the union of both;
 *   <li>without one: a 90-pixel wide box, below a shape (top at the shape's bottom, centred on it),
 *       or for a flow centred on the middle of its middle segment, 15 px above it (15 px to its
 *       right when that segment is vertical), the box's top 10 px above that point;
 *   <li>the text is Arial 11 px (line height 1.2 × 11 = 13.2 px), wrapped as diagram-js does
 *       (break at spaces and hyphens, else cut the word); widths come from Arial's advance widths
 *       (Liberation Sans, which Chromium uses on Debian, has the same metrics), so the check does
 *       not depend on the fonts installed; a character not in the table counts as 1 em (too wide,
 *       never too narrow);
 *   <li>the title of an expanded subprocess (Arial 12 px, line height 14.4 px, 7 px padding,
 *       centred at the top of the box) counts as a label too.
 * </ul>
 *
 * <p>Each text box, grown by {@link #CLEARANCE} pixels on every side, must not
 * <ul>
 *   <li>overlap another label's text box;
 *   <li>cross any flow segment (sequence flow, message flow, association), its own flow and the
 *       flows of its own event or gateway included: a label sits beside a line, never on it;
 *   <li>overlap a shape (task, event, gateway, collapsed subprocess, data object) other than its own
 *       element; its own element's shape must not be overlapped by the text box itself (no clearance);
 *   <li>cross the border of a container (expanded subprocess, pool, lane): it is wholly inside or
 *       wholly outside.
 * </ul>
 * And to keep the diagram readable, a label is at most {@link #MAX_DISTANCE} pixels from what it
 * names (its shape, or the nearest segment of its flow).
 */
final class DiagramLayout {

  static final double CLEARANCE = 2;
  static final double MAX_DISTANCE = 30;

  static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  static final String BPMNDI_NS = "http://www.omg.org/spec/BPMN/20100524/DI";
  static final String DC_NS = "http://www.omg.org/spec/DD/20100524/DC";
  static final String DI_NS = "http://www.omg.org/spec/DD/20100524/DI";

  /** bpmn-js LabelUtil.isLabelExternal (Event and Gateway cover their subtypes). */
  private static final Set<String> EXTERNAL_LABEL_TYPES = Set.of(
      "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent",
      "exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway", "complexGateway",
      "dataStoreReference", "dataObjectReference", "dataInput", "dataOutput",
      "sequenceFlow", "messageFlow", "group");

  private static final Set<String> CONTAINER_TYPES = Set.of("participant", "lane");

  /** Label font of bpmn-js: external labels 11 px, embedded labels 12 px, line height 1.2. */
  static final double EXTERNAL_FONT_SIZE = 11;
  static final double EMBEDDED_FONT_SIZE = 12;
  static final double LINE_HEIGHT_RATIO = 1.2;
  static final double DEFAULT_LABEL_WIDTH = 90;
  static final double DEFAULT_LABEL_HEIGHT = 20;
  static final double FLOW_LABEL_INDENT = 15;

  record Box(double x, double y, double width, double height) {
    double right() {
      return x + width;
    }

    double bottom() {
      return y + height;
    }

    Box grow(double by) {
      return new Box(x - by, y - by, width + 2 * by, height + 2 * by);
    }

    boolean overlaps(Box o) {
      return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
    }

    boolean contains(Box o) {
      return o.x >= x && o.right() <= right() && o.y >= y && o.bottom() <= bottom();
    }

    double distanceTo(Box o) {
      double dx = Math.max(0, Math.max(o.x - right(), x - o.right()));
      double dy = Math.max(0, Math.max(o.y - bottom(), y - o.bottom()));
      return Math.hypot(dx, dy);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "[x=%.0f y=%.0f w=%.0f h=%.0f]", x, y, width, height);
    }
  }

  record Point(double x, double y) {}

  /** A label as drawn: whose it is, its text and its text box. */
  record Label(String elementId, String text, Box box) {
    String describe() {
      return "label of " + elementId + " « " + text.replace('\n', ' ') + " » " + box;
    }
  }

  record Shape(String elementId, String type, Box bounds, boolean container) {}

  record Edge(String elementId, String type, List<Point> waypoints) {}

  /** What was read from one model's diagram. */
  record Diagram(List<Label> labels, List<Shape> shapes, List<Edge> edges) {}

  private DiagramLayout() {}

  /** Problems of the model's diagram, one line each; empty when it is legible. */
  static List<String> problems(Path model) throws IOException {
    Diagram diagram = read(model);
    List<String> problems = new ArrayList<>();
    String file = model.getFileName().toString();
    List<Label> labels = diagram.labels();
    Map<String, Shape> shapeOf = new HashMap<>();
    Map<String, Edge> edgeOf = new HashMap<>();
    diagram.shapes().forEach(s -> shapeOf.put(s.elementId(), s));
    diagram.edges().forEach(e -> edgeOf.put(e.elementId(), e));

    for (int i = 0; i < labels.size(); i++) {
      Label label = labels.get(i);
      Box grown = label.box().grow(CLEARANCE);
      for (int j = i + 1; j < labels.size(); j++) {
        Label other = labels.get(j);
        if (grown.overlaps(other.box())) {
          problems.add(file + ": " + label.describe() + " overlaps " + other.describe());
        }
      }
      for (Edge edge : diagram.edges()) {
        for (int k = 0; k + 1 < edge.waypoints().size(); k++) {
          Point a = edge.waypoints().get(k);
          Point b = edge.waypoints().get(k + 1);
          if (crosses(grown, a, b)) {
            problems.add(file + ": " + label.describe() + " crosses " + edge.type() + " " + edge.elementId()
                + " segment " + format(a) + "-" + format(b));
            break;
          }
        }
      }
      for (Shape shape : diagram.shapes()) {
        boolean own = shape.elementId().equals(label.elementId());
        if (shape.container()) {
          if (grown.overlaps(shape.bounds()) && !shape.bounds().contains(grown)) {
            problems.add(file + ": " + label.describe() + " crosses the border of " + shape.type() + " "
                + shape.elementId() + " " + shape.bounds());
          }
        } else if (own ? label.box().overlaps(shape.bounds()) : grown.overlaps(shape.bounds())) {
          problems.add(file + ": " + label.describe() + " overlaps " + (own ? "its own " : "") + shape.type() + " "
              + shape.elementId() + " " + shape.bounds());
        }
      }
      double distance = distanceToOwner(label, shapeOf.get(label.elementId()), edgeOf.get(label.elementId()));
      if (distance > MAX_DISTANCE) {
        problems.add(String.format(Locale.ROOT, "%s: %s is %.0f px from its element (at most %.0f)",
            file, label.describe(), distance, MAX_DISTANCE));
      }
    }
    return problems;
  }

  private static double distanceToOwner(Label label, Shape shape, Edge edge) {
    if (shape != null) {
      return shape.container() ? 0 : label.box().distanceTo(shape.bounds());
    }
    double best = 0;
    if (edge != null) {
      best = Double.MAX_VALUE;
      for (int k = 0; k + 1 < edge.waypoints().size(); k++) {
        best = Math.min(best, distance(label.box(), edge.waypoints().get(k), edge.waypoints().get(k + 1)));
      }
    }
    return best;
  }

  private static String format(Point p) {
    return String.format(Locale.ROOT, "(%.0f,%.0f)", p.x(), p.y());
  }

  /** Whether the segment a-b passes through the inside of the box (Liang-Barsky clipping). */
  static boolean crosses(Box box, Point a, Point b) {
    double dx = b.x() - a.x();
    double dy = b.y() - a.y();
    double[] p = {-dx, dx, -dy, dy};
    double[] q = {a.x() - box.x(), box.right() - a.x(), a.y() - box.y(), box.bottom() - a.y()};
    double t0 = 0;
    double t1 = 1;
    for (int i = 0; i < 4; i++) {
      if (p[i] == 0) {
        if (q[i] <= 0) {
          return false; // parallel to this side, on or outside it
        }
      } else {
        double t = q[i] / p[i];
        if (p[i] < 0) {
          t0 = Math.max(t0, t);
        } else {
          t1 = Math.min(t1, t);
        }
      }
    }
    return t0 < t1;
  }

  /** Distance from a box to a segment (0 when the segment touches or crosses the box). */
  static double distance(Box box, Point a, Point b) {
    if (crosses(box.grow(1e-9), a, b)) {
      return 0;
    }
    double best = Math.min(pointToBox(box, a), pointToBox(box, b));
    Point[] corners = {
        new Point(box.x(), box.y()), new Point(box.right(), box.y()),
        new Point(box.x(), box.bottom()), new Point(box.right(), box.bottom())};
    for (Point c : corners) {
      best = Math.min(best, pointToSegment(c, a, b));
    }
    return best;
  }

  private static double pointToBox(Box box, Point p) {
    double dx = Math.max(0, Math.max(box.x() - p.x(), p.x() - box.right()));
    double dy = Math.max(0, Math.max(box.y() - p.y(), p.y() - box.bottom()));
    return Math.hypot(dx, dy);
  }

  private static double pointToSegment(Point p, Point a, Point b) {
    double dx = b.x() - a.x();
    double dy = b.y() - a.y();
    double len2 = dx * dx + dy * dy;
    double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / len2));
    return Math.hypot(p.x() - (a.x() + t * dx), p.y() - (a.y() + t * dy));
  }

  // ---------------------------------------------------------------------------------------------
  // Reading the model

  static Diagram read(Path model) throws IOException {
    Document doc;
    try (InputStream in = Files.newInputStream(model)) {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      doc = factory.newDocumentBuilder().parse(in);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException(model + ": " + e.getMessage(), e);
    }

    Map<String, Element> semantic = new HashMap<>();
    NodeList all = doc.getElementsByTagNameNS(BPMN_NS, "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (e.hasAttribute("id")) {
        semantic.put(e.getAttribute("id"), e);
      }
    }

    List<Label> labels = new ArrayList<>();
    List<Shape> shapes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();

    NodeList diShapes = doc.getElementsByTagNameNS(BPMNDI_NS, "BPMNShape");
    for (int i = 0; i < diShapes.getLength(); i++) {
      Element di = (Element) diShapes.item(i);
      String id = di.getAttribute("bpmnElement");
      Element element = semantic.get(id);
      if (element == null) {
        continue;
      }
      String type = element.getLocalName();
      Box bounds = bounds(child(di, DC_NS, "Bounds"));
      boolean expanded = "subProcess".equals(type) && "true".equals(di.getAttribute("isExpanded"))
          || "transaction".equals(type) && "true".equals(di.getAttribute("isExpanded"));
      boolean container = expanded || CONTAINER_TYPES.contains(type);
      if (!"group".equals(type) && !"textAnnotation".equals(type)) {
        shapes.add(new Shape(id, type, bounds, container));
      }
      String name = element.getAttribute("name");
      if (expanded && !name.isBlank()) {
        labels.add(new Label(id, name, subprocessTitle(bounds, name)));
      }
      if (EXTERNAL_LABEL_TYPES.contains(type) && !name.isBlank()) {
        Element label = child(di, BPMNDI_NS, "BPMNLabel");
        Box diBox = label == null ? null : bounds(child(label, DC_NS, "Bounds"));
        labels.add(new Label(id, name, diBox != null
            ? externalLabel(diBox, name)
            : externalLabel(defaultShapeLabel(bounds), name)));
      }
    }

    NodeList diEdges = doc.getElementsByTagNameNS(BPMNDI_NS, "BPMNEdge");
    for (int i = 0; i < diEdges.getLength(); i++) {
      Element di = (Element) diEdges.item(i);
      String id = di.getAttribute("bpmnElement");
      Element element = semantic.get(id);
      if (element == null) {
        continue;
      }
      List<Point> waypoints = new ArrayList<>();
      NodeList wps = di.getElementsByTagNameNS(DI_NS, "waypoint");
      for (int k = 0; k < wps.getLength(); k++) {
        Element wp = (Element) wps.item(k);
        waypoints.add(new Point(Double.parseDouble(wp.getAttribute("x")), Double.parseDouble(wp.getAttribute("y"))));
      }
      String type = element.getLocalName();
      edges.add(new Edge(id, type, waypoints));
      String name = element.getAttribute("name");
      if (EXTERNAL_LABEL_TYPES.contains(type) && !name.isBlank() && waypoints.size() >= 2) {
        Element label = child(di, BPMNDI_NS, "BPMNLabel");
        Box diBox = label == null ? null : bounds(child(label, DC_NS, "Bounds"));
        labels.add(new Label(id, name, externalLabel(diBox != null ? diBox : defaultFlowLabel(waypoints), name)));
      }
    }
    return new Diagram(labels, shapes, edges);
  }

  private static Element child(Element parent, String ns, String localName) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
        return e;
      }
    }
    return null;
  }

  private static Box bounds(Element b) {
    if (b == null) {
      return null;
    }
    return new Box(Double.parseDouble(b.getAttribute("x")), Double.parseDouble(b.getAttribute("y")),
        Double.parseDouble(b.getAttribute("width")), Double.parseDouble(b.getAttribute("height")));
  }

  // ---------------------------------------------------------------------------------------------
  // Where bpmn-js draws a label

  /** bpmn-js LabelUtil.getExternalLabelMid for a shape, as a 90 × 20 box. */
  static Box defaultShapeLabel(Box shape) {
    double midX = shape.x() + shape.width() / 2;
    double midY = shape.bottom() + DEFAULT_LABEL_HEIGHT / 2;
    return new Box(midX - DEFAULT_LABEL_WIDTH / 2, midY - DEFAULT_LABEL_HEIGHT / 2,
        DEFAULT_LABEL_WIDTH, DEFAULT_LABEL_HEIGHT);
  }

  /** bpmn-js LabelUtil.getFlowLabelPosition, as a 90 × 20 box. */
  static Box defaultFlowLabel(List<Point> waypoints) {
    double mid = waypoints.size() / 2.0 - 1;
    Point first = waypoints.get((int) Math.floor(mid));
    Point second = waypoints.get((int) Math.ceil(mid + 0.01));
    double x = first.x() + (second.x() - first.x()) / 2;
    double y = first.y() + (second.y() - first.y()) / 2;
    double angle = Math.atan((second.y() - first.y()) / (second.x() - first.x()));
    if (Math.abs(angle) < Math.PI / 2) {
      y -= FLOW_LABEL_INDENT;
    } else {
      x += FLOW_LABEL_INDENT;
    }
    return new Box(x - DEFAULT_LABEL_WIDTH / 2, y - DEFAULT_LABEL_HEIGHT / 2, DEFAULT_LABEL_WIDTH, DEFAULT_LABEL_HEIGHT);
  }

  /**
   * The text box of an external label whose label element has the given DI bounds: the union of
   * where the two bpmn-js versions in use draw it (see the class comment), both centred on the DI
   * box and starting at its top.
   */
  static Box externalLabel(Box di, String text) {
    return union(externalLabel(di, text, true), externalLabel(di, text, false));
  }

  /**
   * One version's text box. Cockpit 7.24's bpmn-js (as the newest bpmn-js) widens the label element
   * to at least 90 px and keeps a line when it is narrower than that width rounded; bpmn-js 18.31.1
   * (docs/render-diagrams.js) wraps at the DI width itself and keeps a line not wider than it.
   */
  static Box externalLabel(Box di, String text, boolean cockpit) {
    double width = cockpit ? Math.max(DEFAULT_LABEL_WIDTH, di.width()) : di.width();
    double centre = di.x() + di.width() / 2;
    List<String> lines = layout(text, width, EXTERNAL_FONT_SIZE, cockpit);
    double textWidth = lines.stream().mapToDouble(l -> textWidth(l, EXTERNAL_FONT_SIZE)).max().orElse(0);
    double height = lines.size() * LINE_HEIGHT_RATIO * EXTERNAL_FONT_SIZE;
    return new Box(centre - textWidth / 2, di.y(), textWidth, height);
  }

  private static Box union(Box a, Box b) {
    double x = Math.min(a.x(), b.x());
    double y = Math.min(a.y(), b.y());
    return new Box(x, y, Math.max(a.right(), b.right()) - x, Math.max(a.bottom(), b.bottom()) - y);
  }

  /** The title of an expanded subprocess: 12 px, 7 px padding, centred at the top. */
  static Box subprocessTitle(Box bounds, String text) {
    double padding = 7;
    List<String> lines = layout(text, bounds.width() - 2 * padding, EMBEDDED_FONT_SIZE, true);
    double textWidth = lines.stream().mapToDouble(l -> textWidth(l, EMBEDDED_FONT_SIZE)).max().orElse(0);
    double height = lines.size() * LINE_HEIGHT_RATIO * EMBEDDED_FONT_SIZE;
    return new Box(bounds.x() + bounds.width() / 2 - textWidth / 2, bounds.y() + padding, textWidth, height);
  }

  /**
   * diagram-js Text.layoutText: the lines the text is wrapped into at that width; a line fits when
   * narrower than the width rounded (roundedLessThan: Cockpit 7.24, the newest diagram-js) or
   * when not wider than the width (diagram-js 15.28.1, under bpmn-js 18.31.1). A line keeps the
   * space it was broken at; it is not measured (nor drawn as ink).
   */
  static List<String> layout(String text, double maxWidth, double fontSize, boolean roundedLessThan) {
    List<String> lines = new ArrayList<>(List.of(text.split("\u00AD?\r?\n", -1)));
    List<String> laid = new ArrayList<>();
    while (!lines.isEmpty()) {
      String original = lines.remove(0);
      String fit = original;
      for (;;) {
        double width = fit.isEmpty() ? 0 : textWidth(fit, fontSize);
        boolean fits = roundedLessThan ? width < Math.round(maxWidth) : width <= maxWidth;
        if (fit.equals(" ") || fit.isEmpty() || fits || fit.length() < 2) {
          break;
        }
        fit = shortenLine(fit, width, maxWidth);
      }
      if (fit.length() < original.length()) {
        lines.add(0, jsTrim(original.substring(fit.length())));
      }
      laid.add(fit);
    }
    return laid;
  }

  private static String shortenLine(String line, double width, double maxWidth) {
    double length = Math.max(line.length() * (maxWidth / width), 1);
    String shortened = semanticShorten(line, length);
    if (shortened.isEmpty()) {
      shortened = line.substring(0, (int) Math.max(Math.round(length - 1), 1));
    }
    return shortened;
  }

  /** diagram-js semanticShorten: keep whole words (split at whitespace, hyphen, soft hyphen). */
  private static String semanticShorten(String line, double maxLength) {
    List<String> parts = jsSplitKeepingBreaks(line);
    List<String> kept = new ArrayList<>();
    int length = 0;
    if (parts.size() > 1) {
      for (String part : parts) {
        if (part.isEmpty()) {
          break; // the JS loop `while ((part = parts.shift()))` stops at an empty part
        }
        if (part.length() + length < maxLength) {
          kept.add(part);
          length += part.length();
        } else {
          if ((part.equals("-") || part.equals("\u00AD")) && !kept.isEmpty()) {
            kept.remove(kept.size() - 1);
          }
          break;
        }
      }
    }
    if (!kept.isEmpty() && kept.get(kept.size() - 1).equals("\u00AD")) {
      kept.set(kept.size() - 1, "-");
    }
    return String.join("", kept);
  }

  /** JS {@code line.split(/(\s|-|\u00AD)/g)}: the pieces and, between them, each break character. */
  private static List<String> jsSplitKeepingBreaks(String line) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (isJsWhitespace(c) || c == '-' || c == '\u00AD') {
        parts.add(current.toString());
        parts.add(String.valueOf(c));
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }

  private static boolean isJsWhitespace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
  }

  private static String jsTrim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isJsWhitespace(s.charAt(start))) {
      start++;
    }
    while (end > start && isJsWhitespace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  // ---------------------------------------------------------------------------------------------
  // Arial advance widths (1/1000 em), as canvas measureText gives them (trailing spaces dropped)

  private static final Map<Character, Integer> ARIAL = new HashMap<>();

  static {
    put(" !\"#$%&'()*+,-./", 278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278);
    put("0123456789:;<=>?@", 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015);
    put("ABCDEFGHIJKLM", 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833);
    put("NOPQRSTUVWXYZ", 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611);
    put("[\\]^_`", 278, 278, 278, 469, 556, 333);
    put("abcdefghijklm", 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833);
    put("nopqrstuvwxyz", 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500);
    put("{|}~", 334, 260, 334, 584);
    put("\u00A0\u00AB\u00BB\u00B0\u20AC\u2019\u2018\u201C\u201D\u2013\u2014\u2026\u0153\u0152\u00E6\u00C6\u00DF",
        278, 556, 556, 400, 556, 222, 222, 333, 333, 556, 1000, 1000, 944, 1000, 889, 1000, 611);
    put("\u202F", 278);
  }

  private static void put(String chars, int... widths) {
    if (chars.length() != widths.length) {
      throw new IllegalStateException("width table: " + chars);
    }
    for (int i = 0; i < chars.length(); i++) {
      ARIAL.put(chars.charAt(i), widths[i]);
    }
  }

  /** Width in pixels of one line of text in Arial at that size, trailing whitespace dropped. */
  static double textWidth(String line, double fontSize) {
    String measured = line.replaceAll("\\s+$", "");
    double units = 0;
    for (int i = 0; i < measured.length(); i++) {
      units += advance(measured.charAt(i));
    }
    return units * fontSize / 1000;
  }

  private static int advance(char c) {
    Integer w = ARIAL.get(c);
    if (w != null) {
      return w;
    }
    // an accented letter is as wide as its base letter; combining marks have no width
    String base = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
    if (base.length() > 1 || base.charAt(0) != c) {
      int sum = 0;
      for (int i = 0; i < base.length(); i++) {
        char b = base.charAt(i);
        if (Character.getType(b) != Character.NON_SPACING_MARK) {
          sum += ARIAL.getOrDefault(b, 1000);
        }
      }
      return sum;
    }
    return Character.getType(c) == Character.NON_SPACING_MARK ? 0 : 1000;
  }
}
