// The map as an SVG picture: concepts as labelled boxes, links as arrows whose
// width says |weight|, colour and a +/− marker say polarity, and dashes say
// low confidence; with a legend, a title and a description for screen readers.
import Foundation

public enum MapSVG {
  public static let positiveColour = "#1f5fa8"
  public static let negativeColour = "#c0392b"
  /// Links whose confidence is below this are drawn dashed.
  public static let lowConfidence = MapDOT.lowConfidence
  static let legendHeight = 116.0
  static let legendWidth = 430.0

  /// Text made safe for XML element content and attribute values.
  public static func escape(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      // Control characters other than tab and newlines are not allowed in XML 1.0.
      case _ where scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r": out += " "
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// A coordinate with at most one decimal, never "-0".
  static func number(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    return String(format: "%.1f", rounded)
  }

  static func signed(_ value: Double) -> String {
    let text = String(format: "%.2f", abs(value))
    return (value < 0 && text != "0.00" ? "−" : "+") + text
  }

  /// Where the line from the box's centre towards (tx, ty) leaves the box.
  static func exit(_ box: LabelBox, towards tx: Double, _ ty: Double, extra: Double = 0) -> (Double, Double) {
    let dx = tx - box.x
    let dy = ty - box.y
    let halfWidth = box.width / 2 + extra
    let halfHeight = box.height / 2 + extra
    let scale = min(dx == 0 ? .infinity : halfWidth / abs(dx), dy == 0 ? .infinity : halfHeight / abs(dy))
    guard scale.isFinite else { return (box.x, box.y) }
    return (box.x + dx * scale, box.y + dy * scale)
  }

  /// Where one link is drawn: its line (the arrowhead's tip at the end) and
  /// the centre of its +/− disc.
  public struct LinkDrawing: Sendable, Equatable {
    /// Index into the map's links.
    public var link: Int
    public var x1: Double
    public var y1: Double
    public var x2: Double
    public var y2: Double
    public var markerX: Double
    public var markerY: Double

    /// The arrowhead: its tip and the two corners of its base.
    public var arrowhead: [(x: Double, y: Double)] {
      MapSVG.arrowhead(x1: x1, y1: y1, x2: x2, y2: y2)
    }
  }

  /// The arrowhead's length and half its width, in picture units (the marker is 6 × 6).
  static let arrowLength = 6.0
  static let arrowHalfWidth = 3.0
  /// The +/− disc's radius.
  public static let markerRadius = 7.0

  static func arrowhead(x1: Double, y1: Double, x2: Double, y2: Double) -> [(x: Double, y: Double)] {
    let dx = x2 - x1
    let dy = y2 - y1
    let length = max((dx * dx + dy * dy).squareRoot(), 0.001)
    let (ux, uy) = (dx / length, dy / length)
    let (bx, by) = (x2 - ux * arrowLength, y2 - uy * arrowLength)
    return [
      (x2, y2), (bx - uy * arrowHalfWidth, by + ux * arrowHalfWidth),
      (bx + uy * arrowHalfWidth, by - ux * arrowHalfWidth),
    ]
  }

  /// Whether a triangle shares area with a box (separating axes: the box's two, the triangle's three).
  public static func overlaps(_ triangle: [(x: Double, y: Double)], _ box: LabelBox) -> Bool {
    if triangle.map(\.x).max()! <= box.minX || triangle.map(\.x).min()! >= box.maxX { return false }
    if triangle.map(\.y).max()! <= box.minY || triangle.map(\.y).min()! >= box.maxY { return false }
    let corners = [(box.minX, box.minY), (box.maxX, box.minY), (box.maxX, box.maxY), (box.minX, box.maxY)]
    for k in 0..<3 {
      let a = triangle[k]
      let b = triangle[(k + 1) % 3]
      let (nx, ny) = (b.y - a.y, a.x - b.x)
      let project = { (x: Double, y: Double) in nx * x + ny * y }
      let t = triangle.map { project($0.x, $0.y) }
      let c = corners.map { project($0.0, $0.1) }
      if t.max()! <= c.min()! || c.max()! <= t.min()! { return false }
    }
    return true
  }

  /// Whether a disc shares area with a box.
  public static func overlaps(discX x: Double, _ y: Double, radius: Double, _ box: LabelBox) -> Bool {
    let nearestX = min(max(x, box.minX), box.maxX)
    let nearestY = min(max(y, box.minY), box.maxY)
    let dx = x - nearestX
    let dy = y - nearestY
    return dx * dx + dy * dy < radius * radius
  }

  /// Where each link is drawn. The line runs from border to border; the
  /// arrowhead is pulled back along it until it touches no concept's box,
  /// and the +/− disc slides from the middle towards either end until it
  /// clears every box and the arrowhead, so neither ever covers a label.
  public static func linkDrawings(_ map: CognitiveMap, layout: MapLayout) -> [LinkDrawing] {
    let pairs = Set(map.links.map { [$0.cause, $0.effect] })
    var drawings: [LinkDrawing] = []
    for (index, link) in map.links.enumerated() where link.cause != link.effect {
      let from = layout.boxes[link.cause]
      let to = layout.boxes[link.effect]
      // A link drawn both ways gets two parallel arrows, each shifted to its own side.
      var shiftX = 0.0
      var shiftY = 0.0
      if pairs.contains([link.effect, link.cause]) {
        let dx = to.x - from.x
        let dy = to.y - from.y
        let length = max((dx * dx + dy * dy).squareRoot(), 1)
        shiftX = -dy / length * 5
        shiftY = dx / length * 5
      }
      let fromShifted = LabelBox(x: from.x + shiftX, y: from.y + shiftY, width: from.width, height: from.height)
      let toShifted = LabelBox(x: to.x + shiftX, y: to.y + shiftY, width: to.width, height: to.height)
      let (x1, y1) = exit(fromShifted, towards: toShifted.x, toShifted.y, extra: 1)
      // The arrowhead's tip stops just outside the effect's box.
      var (x2, y2) = exit(toShifted, towards: fromShifted.x, fromShifted.y, extra: 2)
      let dx = x2 - x1
      let dy = y2 - y1
      let length = (dx * dx + dy * dy).squareRoot()
      if length > 0 {
        // Arriving at a shallow angle near a corner, the head's base could dip into the box: step back.
        var back = 0.0
        while back < min(20, length / 2),
          layout.boxes.contains(where: { overlaps(arrowhead(x1: x1, y1: y1, x2: x2, y2: y2), $0) })
        {
          back += 1
          x2 = x1 + dx * (length - back) / length
          y2 = y1 + dy * (length - back) / length
        }
      }
      var marker = ((x1 + x2) / 2, (y1 + y2) / 2)
      let head = arrowhead(x1: x1, y1: y1, x2: x2, y2: y2)
      let clearance = markerRadius + 1
      for t in [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82] {
        let (mx, my) = (x1 + (x2 - x1) * t, y1 + (y2 - y1) * t)
        let clearOfBoxes = !layout.boxes.contains { overlaps(discX: mx, my, radius: clearance, $0) }
        let clearOfHead = head.allSatisfy {
          ($0.x - mx) * ($0.x - mx) + ($0.y - my) * ($0.y - my) > clearance * clearance
        }
        if clearOfBoxes && clearOfHead {
          marker = (mx, my)
          break
        }
      }
      drawings.append(
        LinkDrawing(link: index, x1: x1, y1: y1, x2: x2, y2: y2, markerX: marker.0, markerY: marker.1))
    }
    return drawings
  }

  /// The whole picture. `title` names it for screen readers.
  public static func render(_ map: CognitiveMap, layout: MapLayout? = nil, title: String = "Fuzzy cognitive map")
    -> String
  {
    let layout = layout ?? MapLayout(map)
    let width = max(layout.width, legendWidth + 2 * MapLayout.margin)
    let height = layout.height + legendHeight
    let positive = map.links.filter { $0.weight >= 0 }.count
    let dashed = map.links.filter { $0.confidence < lowConfidence }.count
    let description =
      "\(map.concepts.count) concepts and \(map.links.count) links (\(positive) positive, "
      + "\(map.links.count - positive) negative, \(dashed) with confidence below 0.5). "
      + "Each arrow runs from cause to effect; its width shows the strength of the link."
    var lines = [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(number(width)) \(number(height))\" "
        + "width=\"\(number(width))\" height=\"\(number(height))\" role=\"img\" aria-labelledby=\"map-title map-desc\" "
        + "font-family=\"DejaVu Sans, Verdana, sans-serif\" font-size=\"\(number(MapLayout.fontSize))\">",
      "<title id=\"map-title\">\(escape(title))</title>",
      "<desc id=\"map-desc\">\(escape(description))</desc>",
      "<defs>",
      "<marker id=\"arrow-positive\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" "
        + "markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"\(positiveColour)\"/></marker>",
      "<marker id=\"arrow-negative\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" "
        + "markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"\(negativeColour)\"/></marker>",
      "</defs>",
      "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>",
      "<g class=\"links\">",
    ]
    for drawing in linkDrawings(map, layout: layout) {
      let link = map.links[drawing.link]
      let isPositive = link.weight >= 0
      let colour = isPositive ? positiveColour : negativeColour
      let strokeWidth = 1 + 3 * min(abs(link.weight), 1)
      let name = "\(map.concepts[link.cause].name) → \(map.concepts[link.effect].name)"
      let detail =
        "\(name): weight \(signed(link.weight)), confidence \(String(format: "%.2f", link.confidence)), "
        + "\(link.citations) quote\(link.citations == 1 ? "" : "s"), \(link.sources) source\(link.sources == 1 ? "" : "s")"
      lines.append("<g class=\"link \(isPositive ? "positive" : "negative")\">")
      lines.append("<title>\(escape(detail))</title>")
      lines.append(
        "<line x1=\"\(number(drawing.x1))\" y1=\"\(number(drawing.y1))\" x2=\"\(number(drawing.x2))\" y2=\"\(number(drawing.y2))\" "
          + "stroke=\"\(colour)\" stroke-width=\"\(number(strokeWidth))\""
          + (link.confidence < lowConfidence ? " stroke-dasharray=\"6 4\"" : "")
          + " marker-end=\"url(#arrow-\(isPositive ? "positive" : "negative"))\"/>")
      lines.append(signMarker(x: drawing.markerX, y: drawing.markerY, positive: isPositive))
      lines.append("</g>")
    }
    lines.append("</g>")
    lines.append("<g class=\"concepts\">")
    for (index, concept) in map.concepts.enumerated() {
      let box = layout.boxes[index]
      lines.append("<g class=\"concept\">")
      lines.append("<title>\(escape(concept.name))</title>")
      lines.append(
        "<rect x=\"\(number(box.minX))\" y=\"\(number(box.minY))\" width=\"\(number(box.width))\" "
          + "height=\"\(number(box.height))\" rx=\"4\" fill=\"#f7f7f7\" stroke=\"#4d4d4d\" stroke-width=\"1\"/>")
      lines.append(
        "<text x=\"\(number(box.x))\" y=\"\(number(box.y))\" text-anchor=\"middle\" dominant-baseline=\"central\" "
          + "fill=\"#1a1a1a\">\(escape(layout.labels[index]))</text>")
      lines.append("</g>")
    }
    lines.append("</g>")
    lines.append(contentsOf: legend(top: layout.height))
    lines.append("</svg>")
    return lines.joined(separator: "\n") + "\n"
  }

  /// A white disc with + or − on it, so polarity never rests on colour alone.
  static func signMarker(x: Double, y: Double, positive: Bool) -> String {
    let colour = positive ? positiveColour : negativeColour
    let sign =
      positive
      ? "M\(number(x - 4)),\(number(y)) h8 M\(number(x)),\(number(y - 4)) v8"
      : "M\(number(x - 4)),\(number(y)) h8"
    return "<circle cx=\"\(number(x))\" cy=\"\(number(y))\" r=\"7\" fill=\"#ffffff\" stroke=\"\(colour)\" "
      + "stroke-width=\"1.5\"/><path d=\"\(sign)\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
  }

  static func legend(top: Double) -> [String] {
    let left = MapLayout.margin
    let y0 = top + 10
    func row(_ y: Double, positive: Bool, dashed: Bool, width: Double, text: String) -> [String] {
      let colour = positive ? positiveColour : negativeColour
      return [
        "<line x1=\"\(number(left))\" y1=\"\(number(y))\" x2=\"\(number(left + 56))\" y2=\"\(number(y))\" "
          + "stroke=\"\(colour)\" stroke-width=\"\(number(width))\"" + (dashed ? " stroke-dasharray=\"6 4\"" : "")
          + " marker-end=\"url(#arrow-\(positive ? "positive" : "negative"))\"/>",
        signMarker(x: left + 26, y: y, positive: positive),
        "<text x=\"\(number(left + 68))\" y=\"\(number(y))\" dominant-baseline=\"central\" fill=\"#1a1a1a\">"
          + "\(escape(text))</text>",
      ]
    }
    var lines = [
      "<g class=\"legend\">",
      "<rect x=\"\(number(left - 8))\" y=\"\(number(y0))\" width=\"\(number(legendWidth))\" height=\"\(number(legendHeight - 20))\" "
        + "fill=\"#ffffff\" stroke=\"#767676\" stroke-width=\"1\"/>",
      "<text x=\"\(number(left))\" y=\"\(number(y0 + 16))\" font-weight=\"bold\" fill=\"#1a1a1a\">Legend</text>",
    ]
    lines += row(y0 + 36, positive: true, dashed: false, width: 4, text: "+ cause raises effect (strong link: thick)")
    lines += row(y0 + 56, positive: false, dashed: false, width: 1.6, text: "− cause lowers effect (weak link: thin)")
    lines += row(
      y0 + 76, positive: true, dashed: true, width: 2.5, text: "dashed: confidence below \(lowConfidence)")
    lines.append("</g>")
    return lines
  }
}
