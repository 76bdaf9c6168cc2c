// The map picture: layout without overlapping labels at 30 to 80 concepts,
// the exact SVG of a tiny map, escaping, and sameness from run to run.
import Foundation
import HarkTestSupport
import Testing

@testable import HarkMap

@Suite("Map picture")
struct PictureTests {
  /// A map of `count` concepts with a fixed web of links: a chain, some
  /// shortcuts and some negative links, so the layout has real structure.
  static func generated(_ count: Int) -> CognitiveMap {
    let words = ["peer support", "waiting list", "anxiety", "hope", "trust in staff", "isolation", "income"]
    let concepts = (0..<count).map { CognitiveMap.Concept(name: "\(words[$0 % words.count]) \($0)") }
    var links: [CognitiveMap.Link] = []
    for i in 0..<(count - 1) {
      links.append(CognitiveMap.Link(cause: i, effect: i + 1, weight: i % 3 == 0 ? -0.4 : 0.7, confidence: 0.8))
      if i % 4 == 0 && i + 5 < count {
        links.append(CognitiveMap.Link(cause: i, effect: i + 5, weight: 0.3, confidence: 0.3))
      }
      if i % 7 == 0 && i > 10 {
        links.append(CognitiveMap.Link(cause: i, effect: i - 9, weight: -0.9))
      }
    }
    return CognitiveMap(concepts: concepts, links: links)
  }

  @Test(
    "no two label boxes overlap and every box lies inside the picture at 30, 50 and 80 concepts",
    arguments: [30, 50, 80])
  func labelsDoNotOverlap(count: Int) {
    let layout = MapLayout(Self.generated(count))
    #expect(layout.boxes.count == count)
    var overlapping: [String] = []
    for i in layout.boxes.indices {
      for j in layout.boxes.indices where j > i && layout.boxes[i].overlaps(layout.boxes[j]) {
        overlapping.append("\(layout.labels[i]) / \(layout.labels[j])")
      }
    }
    #expect(overlapping == [])
    let outside = layout.boxes.indices.filter { i in
      let box = layout.boxes[i]
      return box.minX < 0 || box.minY < 0 || box.maxX > layout.width || box.maxY > layout.height
    }
    #expect(outside == [])
  }

  @Test("label boxes keep at least the gap between them at 80 concepts")
  func labelsKeepTheirGap() {
    let layout = MapLayout(Self.generated(80))
    for i in layout.boxes.indices {
      for j in layout.boxes.indices where j > i {
        let a = layout.boxes[i]
        let b = layout.boxes[j]
        let apart = max(b.minX - a.maxX, a.minX - b.maxX, b.minY - a.maxY, a.minY - b.maxY)
        #expect(apart >= MapLayout.gap - 1, "\(layout.labels[i]) / \(layout.labels[j])")
      }
    }
  }

  @Test("the SVG's viewBox holds every concept box")
  func viewBoxHoldsConcepts() throws {
    let map = Self.generated(50)
    let layout = MapLayout(map)
    let svg = MapSVG.render(map, layout: layout)
    let header = try #require(svg.split(separator: "\n").first)
    let viewBox = try #require(header.firstRange(of: "viewBox=\"0 0 "))
    let numbers = header[viewBox.upperBound...].prefix { $0 != "\"" }.split(separator: " ").compactMap { Double($0) }
    #expect(numbers.count == 2)
    #expect(numbers[0] >= layout.width)
    #expect(numbers[1] >= layout.height)
  }

  @Test("a three-concept map draws as exactly this SVG")
  func tinyMapExact() {
    let map = CognitiveMap(
      concepts: [
        CognitiveMap.Concept(name: "peer group"), CognitiveMap.Concept(name: "hope"),
        CognitiveMap.Concept(name: "waiting list"),
      ],
      links: [
        CognitiveMap.Link(cause: 0, effect: 1, weight: 0.6, confidence: 0.9),
        CognitiveMap.Link(cause: 2, effect: 1, weight: -0.8, confidence: 0.4),
      ])
    #expect(
      MapSVG.render(map) == #"""
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 470 186" width="470" height="186" role="img" aria-labelledby="map-title map-desc" font-family="DejaVu Sans, Verdana, sans-serif" font-size="12">
        <title id="map-title">Fuzzy cognitive map</title>
        <desc id="map-desc">3 concepts and 2 links (1 positive, 1 negative, 1 with confidence below 0.5). Each arrow runs from cause to effect; its width shows the strength of the link.</desc>
        <defs>
        <marker id="arrow-positive" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#1f5fa8"/></marker>
        <marker id="arrow-negative" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#c0392b"/></marker>
        </defs>
        <rect width="100%" height="100%" fill="#ffffff"/>
        <g class="links">
        <g class="link positive">
        <title>peer group → hope: weight +0.60, confidence 0.90, 0 quotes, 0 sources</title>
        <line x1="111.2" y1="34.3" x2="179.1" y2="34.8" stroke="#1f5fa8" stroke-width="2.8" marker-end="url(#arrow-positive)"/>
        <circle cx="145.2" cy="34.6" r="7" fill="#ffffff" stroke="#1f5fa8" stroke-width="1.5"/><path d="M141.2,34.6 h8 M145.2,30.6 v8" stroke="#1f5fa8" stroke-width="2"/>
        </g>
        <g class="link negative">
        <title>waiting list → hope: weight −0.80, confidence 0.40, 0 quotes, 0 sources</title>
        <line x1="285.4" y1="35.6" x2="228.9" y2="35.2" stroke="#c0392b" stroke-width="3.4" stroke-dasharray="6 4" marker-end="url(#arrow-negative)"/>
        <circle cx="257.1" cy="35.4" r="7" fill="#ffffff" stroke="#c0392b" stroke-width="1.5"/><path d="M253.1,35.4 h8" stroke="#c0392b" stroke-width="2"/>
        </g>
        </g>
        <g class="concepts">
        <g class="concept">
        <title>peer group</title>
        <rect x="19.8" y="20" width="90.4" height="28" rx="4" fill="#f7f7f7" stroke="#4d4d4d" stroke-width="1"/>
        <text x="65" y="34" text-anchor="middle" dominant-baseline="central" fill="#1a1a1a">peer group</text>
        </g>
        <g class="concept">
        <title>hope</title>
        <rect x="181.1" y="21" width="45.8" height="28" rx="4" fill="#f7f7f7" stroke="#4d4d4d" stroke-width="1"/>
        <text x="204" y="35" text-anchor="middle" dominant-baseline="central" fill="#1a1a1a">hope</text>
        </g>
        <g class="concept">
        <title>waiting list</title>
        <rect x="286.4" y="22" width="105.3" height="28" rx="4" fill="#f7f7f7" stroke="#4d4d4d" stroke-width="1"/>
        <text x="339" y="36" text-anchor="middle" dominant-baseline="central" fill="#1a1a1a">waiting list</text>
        </g>
        </g>
        <g class="legend">
        <rect x="12" y="80" width="430" height="96" fill="#ffffff" stroke="#767676" stroke-width="1"/>
        <text x="20" y="96" font-weight="bold" fill="#1a1a1a">Legend</text>
        <line x1="20" y1="116" x2="76" y2="116" stroke="#1f5fa8" stroke-width="4" marker-end="url(#arrow-positive)"/>
        <circle cx="46" cy="116" r="7" fill="#ffffff" stroke="#1f5fa8" stroke-width="1.5"/><path d="M42,116 h8 M46,112 v8" stroke="#1f5fa8" stroke-width="2"/>
        <text x="88" y="116" dominant-baseline="central" fill="#1a1a1a">+ cause raises effect (strong link: thick)</text>
        <line x1="20" y1="136" x2="76" y2="136" stroke="#c0392b" stroke-width="1.6" marker-end="url(#arrow-negative)"/>
        <circle cx="46" cy="136" r="7" fill="#ffffff" stroke="#c0392b" stroke-width="1.5"/><path d="M42,136 h8" stroke="#c0392b" stroke-width="2"/>
        <text x="88" y="136" dominant-baseline="central" fill="#1a1a1a">− cause lowers effect (weak link: thin)</text>
        <line x1="20" y1="156" x2="76" y2="156" stroke="#1f5fa8" stroke-width="2.5" stroke-dasharray="6 4" marker-end="url(#arrow-positive)"/>
        <circle cx="46" cy="156" r="7" fill="#ffffff" stroke="#1f5fa8" stroke-width="1.5"/><path d="M42,156 h8 M46,152 v8" stroke="#1f5fa8" stroke-width="2"/>
        <text x="88" y="156" dominant-baseline="central" fill="#1a1a1a">dashed: confidence below 0.5</text>
        </g>
        </svg>

        """#)
  }

  @Test("the same map gives the same bytes")
  func deterministic() {
    #expect(MapSVG.render(Self.generated(40)) == MapSVG.render(Self.generated(40)))
  }

  @Test("labels with <, &, quotes, accents and emoji are escaped for XML and kept otherwise")
  func escapesLabels() {
    let map = CognitiveMap(
      concepts: [
        CognitiveMap.Concept(name: "<fear> & \"worry\""), CognitiveMap.Concept(name: "café 'été' 🙂"),
      ],
      links: [CognitiveMap.Link(cause: 0, effect: 1, weight: 0.5)])
    let svg = MapSVG.render(map)
    #expect(svg.contains("<title>&lt;fear&gt; &amp; &quot;worry&quot;</title>"))
    #expect(svg.contains("fill=\"#1a1a1a\">café &apos;été&apos; 🙂</text>"))
    #expect(svg.contains("<title>&lt;fear&gt; &amp; &quot;worry&quot; → café &apos;été&apos; 🙂: weight +0.50"))
    #expect(!svg.contains("<fear>"))
  }

  @Test("XML escaping covers the five special characters and control characters")
  func escapeText() {
    #expect(MapSVG.escape("a<b>&\"c'\u{1}d\te") == "a&lt;b&gt;&amp;&quot;c&apos; d\te")
  }

  @Test("long names are shortened in the picture with an ellipsis")
  func longLabels() {
    #expect(MapLayout.label(String(repeating: "a", count: 40)) == String(repeating: "a", count: 31) + "…")
    #expect(MapLayout.label("two\nlines") == "two lines")
  }

  @Test("xmllint accepts the picture as well-formed XML")
  func wellFormed() throws {
    let folder = try makeTemporaryFolder("hark-picture")
    let file = folder.appendingPathComponent("map.svg")
    let map = CognitiveMap(
      concepts: [CognitiveMap.Concept(name: "<a> & b"), CognitiveMap.Concept(name: "ç 🙂")],
      links: [CognitiveMap.Link(cause: 0, effect: 1, weight: -0.5, confidence: 0.2)])
    try MapSVG.render(map).write(to: file, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
    process.arguments = ["--noout", file.path]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
  }
}
