// The static HTML report of a project's approved map: the picture, the
// strongest links with their quotes, the indices, a default scenario and the
// balance of participant groups. No JavaScript; every piece of text escaped.
import Foundation
import HarkStore

public struct MapReport: Sendable, Equatable {
  /// index.html's text.
  public var html: String
  /// map.svg's text.
  public var svg: String

  /// How many links the "strongest links" section lists.
  public static let topLinkCount = 10

  public init(map: CognitiveMap, store: ProjectStore) throws {
    svg = MapSVG.render(map)
    let indices = MapIndices(map)
    let sources = try LinkSources.load(for: map, from: store)
    var quotes: [Int: [Evidence]] = [:]
    var comments: [Int: [(panel: String, vote: PanelVote)]] = [:]
    for index in Self.topLinks(map) {
      if let id = map.links[index].projectID {
        quotes[index] = try store.evidence(link: id)
        comments[index] = try store.comments(link: id)
      }
    }
    html = Self.page(
      map: map, indices: indices, quotes: quotes, comments: comments,
      balance: VoiceBalance(map: map, sources: sources))
  }

  static func escape(_ text: String) -> String { MapSVG.escape(text) }

  static func linkName(_ map: CognitiveMap, _ index: Int) -> String {
    "\(map.concepts[map.links[index].cause].name) → \(map.concepts[map.links[index].effect].name)"
  }

  /// Link indices by |weight|, strongest first; ties in name order.
  static func topLinks(_ map: CognitiveMap) -> [Int] {
    let ranked = map.links.indices.sorted { a, b in
      let (wa, wb) = (abs(map.links[a].weight), abs(map.links[b].weight))
      if wa != wb { return wa > wb }
      return (linkName(map, a), a) < (linkName(map, b), b)
    }
    return Array(ranked.prefix(topLinkCount))
  }

  /// The default scenario: the concept with the highest weighted outdegree
  /// (the first such in map order) clamped to 1, every concept starting at 1.
  public static func defaultScenario(_ map: CognitiveMap) -> (clamped: Int, comparison: ScenarioComparison)? {
    guard !map.concepts.isEmpty else { return nil }
    let indices = MapIndices(map)
    var best = 0
    for (index, concept) in indices.perConcept.enumerated()
    where concept.outdegree > indices.perConcept[best].outdegree {
      best = index
    }
    let comparison = ScenarioComparison(
      simulator: MapSimulator(map), initial: [Double](repeating: 1, count: map.concepts.count), clamped: [best: 1],
      settings: SimulationSettings())
    return (best, comparison)
  }

  static let style = """
    body { font-family: "DejaVu Sans", Verdana, sans-serif; color: #1a1a1a; background: #ffffff; \
    line-height: 1.5; margin: 0 auto; max-width: 70rem; padding: 1rem 2rem; }
    h1, h2, h3 { line-height: 1.25; }
    h2 { border-bottom: 2px solid #1f5fa8; padding-bottom: 0.2rem; margin-top: 2.5rem; }
    figure { margin: 0; }
    .map-frame { overflow: auto; max-height: 90vh; border: 1px solid #767676; }
    .map-frame img { display: block; max-width: none; }
    figcaption, .note { color: #4d4d4d; }
    table { border-collapse: collapse; margin: 1rem 0; }
    caption { text-align: left; font-weight: bold; padding-bottom: 0.4rem; }
    th, td { border: 1px solid #767676; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
    thead th { background: #e8eef6; }
    td.number { text-align: right; font-variant-numeric: tabular-nums; }
    .positive { color: #1f5fa8; }
    .negative { color: #c0392b; }
    blockquote { margin: 0.5rem 0 0.2rem 0; padding: 0.2rem 0.8rem; border-left: 4px solid #1f5fa8; background: #f5f5f5; }
    ol.links > li { margin-bottom: 1.5rem; }
    p.speaker { margin: 0 0 0.8rem 0.8rem; color: #4d4d4d; }
    """

  static func page(
    map: CognitiveMap, indices: MapIndices, quotes: [Int: [Evidence]],
    comments: [Int: [(panel: String, vote: PanelVote)]] = [:], balance: VoiceBalance
  ) -> String {
    var out = [
      "<!DOCTYPE html>",
      "<html lang=\"en\">",
      "<head>",
      "<meta charset=\"utf-8\">",
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
      "<title>Hark map report</title>",
      "<style>",
      style,
      "</style>",
      "</head>",
      "<body>",
      "<main>",
      "<h1>The approved map</h1>",
      "<p>\(map.concepts.count) concepts joined by \(map.links.count) accepted links.</p>",
      "<nav aria-label=\"Sections\"><ul>",
      "<li><a href=\"#picture\">The map</a></li>",
      "<li><a href=\"#links\">Strongest links and their quotes</a></li>",
      "<li><a href=\"#indices\">Indices</a></li>",
      "<li><a href=\"#scenario\">A scenario</a></li>",
      "<li><a href=\"#voices\">Group balance</a></li>",
      "</ul></nav>",
    ]
    out += pictureSection(map)
    out += linksSection(map, quotes: quotes, comments: comments)
    out += indicesSection(indices)
    out += scenarioSection(map)
    out += voicesSection(map, balance: balance)
    out += ["</main>", "</body>", "</html>"]
    return out.joined(separator: "\n") + "\n"
  }

  static func pictureSection(_ map: CognitiveMap) -> [String] {
    let negative = map.links.filter { $0.weight < 0 }.count
    let alt =
      "The map: \(map.concepts.count) concepts and \(map.links.count) links, "
      + "\(map.links.count - negative) positive and \(negative) negative. The tables below give the same content."
    return [
      "<section id=\"picture\" aria-labelledby=\"picture-heading\">",
      "<h2 id=\"picture-heading\">The map</h2>",
      "<figure>",
      // Shown at full size in a scrolling frame: shrunk to the page, labels of a large map become unreadable.
      "<div class=\"map-frame\" tabindex=\"0\" role=\"region\" aria-label=\"The map picture, scrollable\">",
      "<img src=\"map.svg\" alt=\"\(escape(alt))\">",
      "</div>",
      "<figcaption>Arrows run from cause to effect. Blue arrows marked + mean the cause raises the effect; "
        + "orange-red arrows marked − mean it lowers it. Thicker arrows are stronger links; dashed arrows have "
        + "confidence below 0.5. Hover over an arrow in <a href=\"map.svg\">map.svg</a> for its numbers.</figcaption>",
      "</figure>",
      "</section>",
    ]
  }

  static func linksSection(
    _ map: CognitiveMap, quotes: [Int: [Evidence]], comments: [Int: [(panel: String, vote: PanelVote)]] = [:]
  ) -> [String] {
    let top = topLinks(map)
    var out = [
      "<section id=\"links\" aria-labelledby=\"links-heading\">",
      "<h2 id=\"links-heading\">Strongest links and their quotes</h2>",
      "<p>The \(top.count) links with the largest |weight|. Speakers are named by pseudonym and group only.</p>",
      "<ol class=\"links\">",
    ]
    for index in top {
      let link = map.links[index]
      let polarity = link.weight < 0 ? "negative" : "positive"
      out.append("<li>")
      out.append(
        "<h3>\(escape(linkName(map, index))) <span class=\"\(polarity)\">(\(polarity), weight "
          + "\(MapSVG.signed(link.weight)))</span></h3>")
      out.append(
        "<p class=\"note\">Confidence \(String(format: "%.2f", link.confidence)); "
          + "\(link.citations) quote\(link.citations == 1 ? "" : "s") from "
          + "\(link.sources) source\(link.sources == 1 ? "" : "s").</p>")
      for evidence in quotes[index] ?? [] {
        let speaker = evidence.participant ?? "Unnamed speaker"
        let group = evidence.group ?? EvidenceSource.noGroup
        out.append("<blockquote>\(escape(evidence.quote))</blockquote>")
        out.append("<p class=\"speaker\">— \(escape(speaker)) (\(escape(group)))</p>")
      }
      let said = comments[index] ?? []
      if !said.isEmpty {
        out.append("<p class=\"note\">What panel members said about it:</p>")
        out.append("<ul class=\"comments\">")
        for (panel, vote) in said {
          out.append(
            "<li>“\(escape(vote.ballot.comment))” — \(escape(vote.pseudonym)), \(escape(panel)) panel</li>")
        }
        out.append("</ul>")
      }
      out.append("</li>")
    }
    out += ["</ol>", "</section>"]
    return out
  }

  static func number(_ value: Double) -> String {
    let text = String(format: "%.3f", value)
    return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
  }

  static func indicesSection(_ indices: MapIndices) -> [String] {
    var out = [
      "<section id=\"indices\" aria-labelledby=\"indices-heading\">",
      "<h2 id=\"indices-heading\">Indices</h2>",
      "<table>",
      "<caption>The whole map</caption>",
      "<tbody>",
      "<tr><th scope=\"row\">Concepts</th><td class=\"number\">\(indices.concepts)</td></tr>",
      "<tr><th scope=\"row\">Links</th><td class=\"number\">\(indices.links)</td></tr>",
      "<tr><th scope=\"row\">Components</th><td class=\"number\">\(indices.components)</td></tr>",
      "<tr><th scope=\"row\">Density</th><td class=\"number\">\(number(indices.density))</td></tr>",
      "<tr><th scope=\"row\">Transmitters</th><td class=\"number\">\(indices.transmitters)</td></tr>",
      "<tr><th scope=\"row\">Receivers</th><td class=\"number\">\(indices.receivers)</td></tr>",
      "<tr><th scope=\"row\">Ordinary</th><td class=\"number\">\(indices.ordinary)</td></tr>",
      "<tr><th scope=\"row\">Complexity</th><td class=\"number\">\(indices.complexity.map(number) ?? "none")</td></tr>",
      "<tr><th scope=\"row\">Hierarchy</th><td class=\"number\">\(number(indices.hierarchy))</td></tr>",
      "</tbody>",
      "</table>",
      "<table>",
      "<caption>Each concept, most central first</caption>",
      "<thead><tr><th scope=\"col\">Concept</th><th scope=\"col\">Type</th><th scope=\"col\">Indegree</th>"
        + "<th scope=\"col\">Outdegree</th><th scope=\"col\">Centrality</th></tr></thead>",
      "<tbody>",
    ]
    let ranked = indices.perConcept.enumerated().sorted {
      ($0.element.centrality, $1.offset) > ($1.element.centrality, $0.offset)
    }
    for (_, concept) in ranked {
      out.append(
        "<tr><th scope=\"row\">\(escape(concept.name))</th><td>\(concept.type.rawValue)</td>"
          + "<td class=\"number\">\(number(concept.indegree))</td><td class=\"number\">\(number(concept.outdegree))</td>"
          + "<td class=\"number\">\(number(concept.centrality))</td></tr>")
    }
    out += ["</tbody>", "</table>", "</section>"]
    return out
  }

  static func scenarioSection(_ map: CognitiveMap) -> [String] {
    var out = [
      "<section id=\"scenario\" aria-labelledby=\"scenario-heading\">",
      "<h2 id=\"scenario-heading\">A scenario</h2>",
    ]
    guard let (clamped, comparison) = defaultScenario(map) else { return out + ["</section>"] }
    let name = map.concepts[clamped].name
    out.append(
      "<p>What if “\(escape(name))”, the concept with the highest outdegree, were held at 1? Every concept starts "
        + "at 1; Kosko rule, sigmoid transfer (λ = 1), FCMpy convention. Bars show each other concept's value in "
        + "this scenario minus its steady state (the same run without anything held).</p>")
    if !comparison.steady.converged || !comparison.scenario.converged {
      out.append(
        "<p class=\"note\">The runs did not settle within \(SimulationSettings().maxIterations) updates: "
          + "read the bars as where they stood then.</p>")
    }
    out.append(scenarioChart(map, comparison: comparison, clamped: name))
    out.append("</section>")
    return out
  }

  /// A horizontal bar chart of scenario minus steady state, largest change first.
  static func scenarioChart(_ map: CognitiveMap, comparison: ScenarioComparison, clamped: String) -> String {
    let rows = comparison.difference.enumerated().compactMap { index, value in value.map { (index, $0) } }
      .sorted { a, b in
        abs(a.1) != abs(b.1) ? abs(a.1) > abs(b.1) : (map.concepts[a.0].name, a.0) < (map.concepts[b.0].name, b.0)
      }
    let labelWidth = 260.0
    let half = 200.0
    let rowHeight = 26.0
    let top = 10.0
    let width = labelWidth + 2 * half + 80
    let height = top * 2 + rowHeight * Double(max(rows.count, 1))
    let largest = max(rows.map { abs($0.1) }.max() ?? 0, 1e-9)
    let zero = labelWidth + half
    var out = [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(MapSVG.number(width)) \(MapSVG.number(height))\" "
        + "width=\"\(MapSVG.number(width))\" height=\"\(MapSVG.number(height))\" role=\"img\" "
        + "aria-labelledby=\"scenario-title scenario-desc\" font-family=\"DejaVu Sans, Verdana, sans-serif\" "
        + "font-size=\"13\">",
      "<title id=\"scenario-title\">Scenario minus steady state with \(escape(clamped)) held at 1</title>",
      "<desc id=\"scenario-desc\">"
        + escape(
          rows.map { "\(map.concepts[$0.0].name): \(signedValue($0.1))" }.joined(separator: "; "))
        + "</desc>",
      "<line x1=\"\(MapSVG.number(zero))\" y1=\"0\" x2=\"\(MapSVG.number(zero))\" y2=\"\(MapSVG.number(height))\" "
        + "stroke=\"#4d4d4d\" stroke-width=\"1\"/>",
    ]
    for (row, (index, value)) in rows.enumerated() {
      let y = top + Double(row) * rowHeight
      let length = abs(value) / largest * half
      let colour = value < 0 ? MapSVG.negativeColour : MapSVG.positiveColour
      let x = value < 0 ? zero - length : zero
      out.append(
        "<text x=\"\(MapSVG.number(labelWidth - 8))\" y=\"\(MapSVG.number(y + rowHeight / 2))\" text-anchor=\"end\" "
          + "dominant-baseline=\"central\" fill=\"#1a1a1a\">\(escape(MapLayout.label(map.concepts[index].name)))</text>"
      )
      out.append(
        "<rect x=\"\(MapSVG.number(x))\" y=\"\(MapSVG.number(y + 5))\" width=\"\(MapSVG.number(length))\" "
          + "height=\"\(MapSVG.number(rowHeight - 10))\" fill=\"\(colour)\"/>")
      let textX = value < 0 ? zero - length - 6 : zero + length + 6
      out.append(
        "<text x=\"\(MapSVG.number(textX))\" y=\"\(MapSVG.number(y + rowHeight / 2))\" "
          + "text-anchor=\"\(value < 0 ? "end" : "start")\" dominant-baseline=\"central\" fill=\"#1a1a1a\">"
          + "\(signedValue(value))</text>")
    }
    out.append("</svg>")
    return out.joined(separator: "\n")
  }

  static func signedValue(_ value: Double) -> String {
    let text = String(format: "%.3f", abs(value))
    return (value < 0 && text != "0.000" ? "−" : "+") + text
  }

  static func voicesSection(_ map: CognitiveMap, balance: VoiceBalance) -> [String] {
    var out = [
      "<section id=\"voices\" aria-labelledby=\"voices-heading\">",
      "<h2 id=\"voices-heading\">Group balance</h2>",
      "<p>Distinct sources from each participant group behind each link. A link that rests on one group only "
        + "tells that group's view.</p>",
      "<table>",
      "<caption>Sources per participant group per link</caption>",
      "<thead><tr><th scope=\"col\">Link</th>"
        + balance.groups.map { "<th scope=\"col\">\(escape($0))</th>" }.joined()
        + "<th scope=\"col\">Total</th><th scope=\"col\">One group only</th></tr></thead>",
      "<tbody>",
    ]
    let order = map.links.indices.sorted { (linkName(map, $0), $0) < (linkName(map, $1), $1) }
    for index in order {
      let row = balance.links[index]
      out.append(
        "<tr><th scope=\"row\">\(escape(linkName(map, index)))</th>"
          + balance.groups.map { "<td class=\"number\">\(row.sourcesByGroup[$0] ?? 0)</td>" }.joined()
          + "<td class=\"number\">\(row.total)</td><td>\(row.restsOnOneGroup ? "yes" : "no")</td></tr>")
    }
    out += ["</tbody>", "</table>", "</section>"]
    return out
  }
}
