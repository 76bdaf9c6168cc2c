// The map as an SVG picture: concepts as labelled boxes, links as arrows whose
// width says |weight|, colour and a +/− marker say polarity, and dashes say
// low confidence; with a legend, a title and a description for screen readers.
import Foundation

public enum MapSVG {
  public static let positiveColour = "#1f5fa8"
  public static let negativeColour = "#c0392b"
  /// Links whose confidence is below this are drawn dashed.
  public static let lowConfidence = 0.5
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
    let pairs = Set(map.links.map { [$0.cause, $0.effect] })
    for link in map.links where link.cause != link.effect {
      let from = layout.boxes[link.cause]
      let to = layout.boxes[link.effect]
      let isPositive = link.weight >= 0
      let colour = isPositive ? positiveColour : negativeColour
      let strokeWidth = 1 + 3 * min(abs(link.weight), 1)
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
      let (x2, y2) = exit(toShifted, towards: fromShifted.x, fromShifted.y, extra: 2)
      let mx = (x1 + x2) / 2
      let my = (y1 + y2) / 2
      let name = "\(map.concepts[link.cause].name) → \(map.concepts[link.effect].name)"
      let detail =
        "\(name): weight \(signed(link.weight)), confidence \(String(format: "%.2f", link.confidence)), "
        + "\(link.citations) quote\(link.citations == 1 ? "" : "s"), \(link.sources) source\(link.sources == 1 ? "" : "s")"
      lines.append("<g class=\"link \(isPositive ? "positive" : "negative")\">")
      lines.append("<title>\(escape(detail))</title>")
      lines.append(
        "<line x1=\"\(number(x1))\" y1=\"\(number(y1))\" x2=\"\(number(x2))\" y2=\"\(number(y2))\" "
          + "stroke=\"\(colour)\" stroke-width=\"\(number(strokeWidth))\""
          + (link.confidence < lowConfidence ? " stroke-dasharray=\"6 4\"" : "")
          + " marker-end=\"url(#arrow-\(isPositive ? "positive" : "negative"))\"/>")
      lines.append(signMarker(x: mx, y: my, positive: isPositive))
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
