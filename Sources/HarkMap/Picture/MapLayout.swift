// Where each concept of a map sits in its picture: a force-directed layout
// from a fixed start (no randomness, so the same map gives the same picture),
// then a pass that moves concepts apart until no two labels overlap.
import Foundation

/// A concept's label box, centred on the concept's position.
public struct LabelBox: Sendable, Equatable {
  public var x: Double
  public var y: Double
  public var width: Double
  public var height: Double

  public var minX: Double { x - width / 2 }
  public var maxX: Double { x + width / 2 }
  public var minY: Double { y - height / 2 }
  public var maxY: Double { y + height / 2 }

  /// Whether the two boxes share any area (touching edges do not count).
  public func overlaps(_ other: LabelBox) -> Bool {
    minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
  }
}

public struct MapLayout: Sendable, Equatable {
  public static let fontSize = 12.0
  /// Average glyph width as a share of the font size; generous so real text fits.
  public static let glyphWidth = 0.62
  public static let padding = 8.0
  /// Longer names are shortened in the picture (the full name is its tooltip).
  public static let maxLabelCharacters = 32
  /// Empty space kept between any two label boxes.
  public static let gap = 10.0
  public static let margin = 20.0

  /// One per concept, in map order; positions in picture coordinates.
  public var boxes: [LabelBox]
  /// The labels as drawn.
  public var labels: [String]
  /// The area the concepts take, margins included.
  public var width: Double
  public var height: Double

  /// The label drawn for a concept name.
  public static func label(_ name: String) -> String {
    let oneLine = name.split(whereSeparator: \.isNewline).joined(separator: " ")
    guard oneLine.count > maxLabelCharacters else { return oneLine }
    return String(oneLine.prefix(maxLabelCharacters - 1)) + "…"
  }

  /// The estimated box for a label: characters × font size × glyph width, plus padding.
  public static func boxSize(_ label: String) -> (width: Double, height: Double) {
    (Double(label.count) * fontSize * glyphWidth + 2 * padding, fontSize + 2 * padding)
  }

  public init(_ map: CognitiveMap) {
    let n = map.concepts.count
    labels = map.concepts.map { Self.label($0.name) }
    let sizes = labels.map(Self.boxSize)
    var boxes = (0..<n).map { LabelBox(x: 0, y: 0, width: sizes[$0].width, height: sizes[$0].height) }
    // Each weakly connected component is laid out on its own and the pieces
    // packed in rows, largest first: unconnected pieces would otherwise
    // push one another far apart and leave the picture mostly empty.
    var pieces: [(members: [Int], width: Double, height: Double)] = []
    for members in Self.components(map) {
      var local = Self.force(members, map: map, sizes: sizes)
      if !Self.separate(&local) { Self.grid(&local) }
      let minX = local.map(\.minX).min() ?? 0
      let minY = local.map(\.minY).min() ?? 0
      for (k, concept) in members.enumerated() {
        boxes[concept] = local[k]
        boxes[concept].x -= minX
        boxes[concept].y -= minY
      }
      pieces.append(
        (members, (local.map(\.maxX).max() ?? 0) - minX, (local.map(\.maxY).max() ?? 0) - minY))
    }
    let space = 3 * Self.gap
    let area = pieces.map { ($0.width + space) * ($0.height + space) }.reduce(0, +)
    // Rows about 1.5 times as wide as the picture is tall suit a screen.
    let rowWidth = max(pieces.map(\.width).max() ?? 0, (area * 1.5).squareRoot())
    var x = 0.0
    var y = 0.0
    var rowHeight = 0.0
    for piece in pieces {
      if x > 0 && x + piece.width > rowWidth {
        x = 0
        y += rowHeight + space
        rowHeight = 0
      }
      for concept in piece.members {
        boxes[concept].x += x
        boxes[concept].y += y
      }
      x += piece.width + space
      rowHeight = max(rowHeight, piece.height)
    }
    // Whole pixels keep the SVG short and stable.
    for i in boxes.indices {
      boxes[i].x = (boxes[i].x + Self.margin).rounded()
      boxes[i].y = (boxes[i].y + Self.margin).rounded()
    }
    self.boxes = boxes
    width = ((boxes.map(\.maxX).max() ?? 0) + Self.margin).rounded(.up)
    height = ((boxes.map(\.maxY).max() ?? 0) + Self.margin).rounded(.up)
  }

  /// Weakly connected components, largest first, then by their first concept.
  static func components(_ map: CognitiveMap) -> [[Int]] {
    var parent = Array(0..<map.concepts.count)
    func root(_ i: Int) -> Int {
      var i = i
      while parent[i] != i {
        parent[i] = parent[parent[i]]
        i = parent[i]
      }
      return i
    }
    for link in map.links {
      let (a, b) = (root(link.cause), root(link.effect))
      if a != b { parent[max(a, b)] = min(a, b) }
    }
    var groups: [Int: [Int]] = [:]
    for i in parent.indices { groups[root(i), default: []].append(i) }
    return groups.values.sorted { ($1.count, $0[0]) < ($0.count, $1[0]) }
  }

  /// A force-directed layout of some concepts from a fixed start on a circle:
  /// linked concepts pull together, every pair pushes apart.
  static func force(_ members: [Int], map: CognitiveMap, sizes: [(width: Double, height: Double)]) -> [LabelBox] {
    let n = members.count
    var local: [Int: Int] = [:]
    for (k, concept) in members.enumerated() { local[concept] = k }
    var x = [Double](repeating: 0, count: n)
    var y = [Double](repeating: 0, count: n)
    // The ideal distance between centres is a mean label width plus room for
    // an arrow and its +/− marker to show between two boxes.
    let meanWidth = members.map { sizes[$0].width }.reduce(0, +) / Double(max(n, 1))
    let ideal = max(70, meanWidth) + 50
    let radius = ideal * Double(n).squareRoot() / 2
    for i in 0..<n {
      let angle = 2 * Double.pi * Double(i) / Double(max(n, 1))
      x[i] = radius * cos(angle)
      y[i] = radius * sin(angle)
    }
    var neighbours = Set<[Int]>()
    for link in map.links where link.cause != link.effect {
      guard let a = local[link.cause], let b = local[link.effect] else { continue }
      neighbours.insert([min(a, b), max(a, b)])
    }
    let pairs = neighbours.sorted { $0.lexicographicallyPrecedes($1) }
    let iterations = n < 2 ? 0 : 300
    for step in 0..<iterations {
      // Temperature falls linearly: big moves first, small adjustments at the end.
      let temperature = (radius * 0.3 + ideal) * (1 - Double(step) / Double(iterations)) + 1
      var dx = [Double](repeating: 0, count: n)
      var dy = [Double](repeating: 0, count: n)
      for i in 0..<n {
        for j in (i + 1)..<n {
          var ex = x[i] - x[j]
          var ey = y[i] - y[j]
          var distance = (ex * ex + ey * ey).squareRoot()
          if distance < 0.01 {
            // Coincident concepts are pushed apart along a direction fixed by their indices.
            ex = Double(j - i)
            ey = Double(i % 3) + 1
            distance = (ex * ex + ey * ey).squareRoot()
          }
          let force = ideal * ideal / distance
          dx[i] += ex / distance * force
          dy[i] += ey / distance * force
          dx[j] -= ex / distance * force
          dy[j] -= ey / distance * force
        }
      }
      for pair in pairs {
        let (i, j) = (pair[0], pair[1])
        let ex = x[i] - x[j]
        let ey = y[i] - y[j]
        let distance = max((ex * ex + ey * ey).squareRoot(), 0.01)
        let force = distance * distance / ideal
        dx[i] -= ex / distance * force
        dy[i] -= ey / distance * force
        dx[j] += ex / distance * force
        dy[j] += ey / distance * force
      }
      for i in 0..<n {
        let length = (dx[i] * dx[i] + dy[i] * dy[i]).squareRoot()
        if length > 0 {
          let move = min(length, temperature)
          x[i] += dx[i] / length * move
          y[i] += dy[i] / length * move
        }
      }
    }
    return (0..<n).map { k in
      LabelBox(x: x[k], y: y[k], width: sizes[members[k]].width, height: sizes[members[k]].height)
    }
  }

  /// Boxes grown by half the gap on every side: two of these not overlapping
  /// means the labels are at least `gap` apart.
  static func padded(_ box: LabelBox) -> LabelBox {
    LabelBox(x: box.x, y: box.y, width: box.width + gap, height: box.height + gap)
  }

  /// Pushes overlapping boxes apart along the axis where they overlap least;
  /// true when no overlap is left.
  static func separate(_ boxes: inout [LabelBox]) -> Bool {
    for _ in 0..<2000 {
      var moved = false
      for i in boxes.indices {
        for j in boxes.indices where j > i {
          let a = padded(boxes[i])
          let b = padded(boxes[j])
          // Rounding to whole pixels later moves a box by up to half a pixel each way.
          let overlapX = min(a.maxX, b.maxX) - max(a.minX, b.minX) + 1
          let overlapY = min(a.maxY, b.maxY) - max(a.minY, b.minY) + 1
          guard overlapX > 0, overlapY > 0 else { continue }
          moved = true
          if overlapX < overlapY * 2 {
            let direction: Double = boxes[i].x < boxes[j].x || (boxes[i].x == boxes[j].x && i < j) ? -1 : 1
            boxes[i].x += direction * overlapX / 2
            boxes[j].x -= direction * overlapX / 2
          } else {
            let direction: Double = boxes[i].y < boxes[j].y || (boxes[i].y == boxes[j].y && i < j) ? -1 : 1
            boxes[i].y += direction * overlapY / 2
            boxes[j].y -= direction * overlapY / 2
          }
        }
      }
      if !moved { return true }
    }
    return false
  }

  /// The fallback when pushing does not settle: rows ordered as the layout
  /// placed them, each cell wide enough for the widest label.
  static func grid(_ boxes: inout [LabelBox]) {
    let order = boxes.indices.sorted { (boxes[$0].y, boxes[$0].x, $0) < (boxes[$1].y, boxes[$1].x, $1) }
    let columns = max(1, Int(Double(boxes.count).squareRoot().rounded(.up)))
    let cellWidth = (boxes.map(\.width).max() ?? 0) + gap + 2
    let cellHeight = (boxes.map(\.height).max() ?? 0) + gap * 3
    for (position, index) in order.enumerated() {
      boxes[index].x = Double(position % columns) * cellWidth
      boxes[index].y = Double(position / columns) * cellHeight
    }
  }
}
