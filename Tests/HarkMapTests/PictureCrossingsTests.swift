// The map picture stays readable: link crossings counted and reduced, and no
// arrowhead or +/− disc drawn over a concept's label at 30 to 80 concepts.
import Foundation
import HarkTestSupport
import Testing

@testable import HarkMap

@Suite("Map picture: crossings, arrowheads and markers")
struct PictureCrossingsTests {
  static func box(_ x: Double, _ y: Double) -> LabelBox { LabelBox(x: x, y: y, width: 10, height: 10) }

  @Test("crossings counts links that cross, not links that share a concept or run apart")
  func countsCrossings() {
    // A square with both diagonals: the diagonals cross once; the sides touch only at corners.
    let square = CognitiveMap(
      concepts: (0..<4).map { CognitiveMap.Concept(name: "c\($0)") },
      links: [
        .init(cause: 0, effect: 1, weight: 1), .init(cause: 1, effect: 2, weight: 1),
        .init(cause: 2, effect: 3, weight: 1), .init(cause: 3, effect: 0, weight: 1),
        .init(cause: 0, effect: 2, weight: 1), .init(cause: 1, effect: 3, weight: -1),
        // Both ways between 1 and 3: drawn as one more line along the same diagonal, not a second crossing.
        .init(cause: 3, effect: 1, weight: 0.5),
      ])
    let boxes = [Self.box(0, 0), Self.box(100, 0), Self.box(100, 100), Self.box(0, 100)]
    #expect(MapLayout.crossings(square, boxes: boxes) == 1)
    // With 2 moved inside the triangle 0, 1, 3, the link 0 → 2 stops short of 1 → 3: no crossing.
    let apart = [Self.box(0, 0), Self.box(100, 0), Self.box(30, 30), Self.box(0, 100)]
    #expect(MapLayout.crossings(square, boxes: apart) == 0)
  }

  @Test(
    "moving and swapping concepts lowers the crossings of the force layout on generated maps (never raises them)",
    arguments: [(30, 4, 4), (50, 6, 3), (60, 9, 4), (80, 12, 7)])
  func reducesCrossings(count: Int, before: Int, after: Int) {
    let map = PictureTests.generated(count)
    let plain = MapLayout(map, reduceCrossings: false)
    let untangled = MapLayout(map)
    #expect(MapLayout.crossings(map, boxes: plain.boxes) == before)
    #expect(MapLayout.crossings(map, boxes: untangled.boxes) == after)
  }

  @Test(
    "generated and densely linked maps are laid out by forces, never on the fallback grid", arguments: [30, 50, 80])
  func noGridFallback(count: Int) {
    #expect(MapLayout(PictureTests.generated(count)).gridPieces == 0)
    // Every concept linked to the next five: 5 × count links, many more than interviews usually give.
    let dense = CognitiveMap(
      concepts: (0..<count).map { CognitiveMap.Concept(name: "concept with a longer name \($0)") },
      links: (0..<count).flatMap { i in
        (1...5).map { CognitiveMap.Link(cause: i, effect: (i + $0) % count, weight: $0 % 2 == 0 ? -0.5 : 0.5) }
      })
    let layout = MapLayout(dense)
    #expect(layout.gridPieces == 0)
    let overlapping = layout.boxes.indices.flatMap { i in
      layout.boxes.indices.filter { j in j > i && layout.boxes[i].overlaps(layout.boxes[j]) }
    }
    #expect(overlapping == [])
  }

  @Test("no arrowhead and no +/− disc touches any concept's box at 30, 50 and 80 concepts", arguments: [30, 50, 80])
  func nothingOnLabels(count: Int) {
    let map = PictureTests.generated(count)
    let layout = MapLayout(map)
    let drawings = MapSVG.linkDrawings(map, layout: layout)
    #expect(drawings.count == map.links.count)
    var onLabels: [String] = []
    for drawing in drawings {
      let link = map.links[drawing.link]
      let name = "\(layout.labels[link.cause]) → \(layout.labels[link.effect])"
      for (index, box) in layout.boxes.enumerated() {
        if MapSVG.overlaps(drawing.arrowhead, box) {
          onLabels.append("arrowhead of \(name) on \(layout.labels[index])")
        }
        if MapSVG.overlaps(discX: drawing.markerX, drawing.markerY, radius: MapSVG.markerRadius, box) {
          onLabels.append("marker of \(name) on \(layout.labels[index])")
        }
      }
    }
    #expect(onLabels == [])
  }

  @Test("the triangle and disc tests see overlap, touching and separation")
  func overlapGeometry() {
    let box = LabelBox(x: 0, y: 0, width: 20, height: 10)
    #expect(MapSVG.overlaps([(9, 0), (15, 2), (15, -2)], box))
    #expect(!MapSVG.overlaps([(10, 0), (15, 2), (15, -2)], box))
    // Beside the corner: the bounding boxes overlap but the triangle does not reach the box.
    #expect(!MapSVG.overlaps([(11, 4), (20, 20), (11, 20)], LabelBox(x: 0, y: 0, width: 20, height: 20)))
    #expect(MapSVG.overlaps(discX: 14, 0, radius: 5, box))
    #expect(!MapSVG.overlaps(discX: 15, 0, radius: 5, box))
  }
}

@Suite("Map picture: a large map as a file")
struct PictureFileTests {
  @Test("a 60-concept picture written to a file is well-formed XML for xmllint")
  func sixtyConceptsWellFormed() throws {
    let folder = try makeTemporaryFolder("hark-picture-60")
    let file = folder.appendingPathComponent("map.svg")
    try MapSVG.render(PictureTests.generated(60)).write(to: file, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
    process.arguments = ["--noout", file.path]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
  }
}
