// Where each concept of a map sits in its picture: a force-directed layout
// from a fixed start (no randomness, so the same map gives the same picture)
// with a pull towards the middle, then moves and swaps of concepts that
// remove link crossings, then a pass that moves concepts apart until no two
// labels overlap.
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
  /// How strongly each concept is pulled towards the middle of its piece of the map.
  static let gravity = 0.3

  /// One per concept, in map order; positions in picture coordinates.
  public var boxes: [LabelBox]
  /// The labels as drawn.
  public var labels: [String]
  /// The area the concepts take, margins included.
  public var width: Double
  public var height: Double
  /// Connected pieces whose labels could not be pushed apart even without
  /// the pull to the middle, so were put on a plain grid (0 for a readable layout).
  public var gridPieces = 0

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

  /// Lays the map out. `reduceCrossings: false` skips the moves and swaps
  /// that remove link crossings (kept to measure what they gain).
  public init(_ map: CognitiveMap, reduceCrossings: Bool = true) {
    let n = map.concepts.count
    labels = map.concepts.map { Self.label($0.name) }
    let sizes = labels.map(Self.boxSize)
    var boxes = (0..<n).map { LabelBox(x: 0, y: 0, width: sizes[$0].width, height: sizes[$0].height) }
    var onGrid = 0
    // Each weakly connected component is laid out on its own and the pieces
    // packed in rows, largest first: unconnected pieces would otherwise
    // push one another far apart and leave the picture mostly empty.
    var pieces: [(members: [Int], width: Double, height: Double)] = []
    for members in Self.components(map) {
      // A crowded map can be pulled too tight for the labels to be pushed
      // apart; then the pull is weakened, and only as a last resort the
      // concepts are put on a grid.
      var local: [LabelBox] = []
      var separated = false
      for gravity in [Self.gravity, Self.gravity / 3, 0] where !separated {
        local = Self.force(members, map: map, sizes: sizes, gravity: gravity)
        if reduceCrossings { Self.untangle(&local, members: members, map: map) }
        separated = Self.separate(&local)
      }
      if !separated {
        Self.grid(&local)
        onGrid += 1
      }
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
    gridPieces = onGrid
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
  static func force(
    _ members: [Int], map: CognitiveMap, sizes: [(width: Double, height: Double)], gravity: Double = MapLayout.gravity
  ) -> [LabelBox] {
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
      // A pull towards the middle keeps long chains from stretching into a
      // line many screens long; stronger vertically, so the picture comes
      // out wider than tall, like a screen.
      let middleX = x.reduce(0, +) / Double(n)
      let middleY = y.reduce(0, +) / Double(n)
      for i in 0..<n {
        dx[i] -= gravity * (x[i] - middleX)
        dy[i] -= gravity * 1.6 * (y[i] - middleY)
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

  /// The links as straight segments between concept centres, each pair of
  /// concepts once (a link drawn both ways is one segment), self-links left out.
  static func segments(_ map: CognitiveMap) -> [(Int, Int)] {
    var seen = Set<[Int]>()
    var out: [(Int, Int)] = []
    for link in map.links where link.cause != link.effect {
      let pair = [min(link.cause, link.effect), max(link.cause, link.effect)]
      if seen.insert(pair).inserted { out.append((pair[0], pair[1])) }
    }
    return out
  }

  /// How many pairs of links cross when drawn as straight lines between the
  /// boxes' centres. Links that share a concept never count as crossing.
  public static func crossings(_ map: CognitiveMap, boxes: [LabelBox]) -> Int {
    let segments = segments(map)
    let x = boxes.map(\.x)
    let y = boxes.map(\.y)
    var count = 0
    for s in segments.indices {
      for t in segments.indices where t > s {
        if cross(segments[s], segments[t], x, y) { count += 1 }
      }
    }
    return count
  }

  /// Whether two segments (concept index pairs) cross at a point inside both.
  static func cross(_ s: (Int, Int), _ t: (Int, Int), _ x: [Double], _ y: [Double]) -> Bool {
    if s.0 == t.0 || s.0 == t.1 || s.1 == t.0 || s.1 == t.1 { return false }
    func side(_ a: Int, _ b: Int, _ c: Int) -> Double {
      (x[b] - x[a]) * (y[c] - y[a]) - (y[b] - y[a]) * (x[c] - x[a])
    }
    let d1 = side(s.0, s.1, t.0)
    let d2 = side(s.0, s.1, t.1)
    let d3 = side(t.0, t.1, s.0)
    let d4 = side(t.0, t.1, s.1)
    return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))
  }

  /// Swaps the places of two concepts whenever that lowers the number of
  /// crossings, in sweeps until none helps. Force layouts settle with links
  /// folded over one another; swapping a concept on a crossing link with one
  /// of its near neighbours unfolds them. Only the links at the two concepts
  /// change, so only their crossings are counted.
  static func untangle(_ boxes: inout [LabelBox], members: [Int], map: CognitiveMap) {
    let n = members.count
    guard n > 3 else { return }
    var local: [Int: Int] = [:]
    for (k, concept) in members.enumerated() { local[concept] = k }
    let segments = segments(map).compactMap { pair -> (Int, Int)? in
      guard let a = local[pair.0], let b = local[pair.1] else { return nil }
      return (a, b)
    }
    var incident = [[Int]](repeating: [], count: n)
    for (index, segment) in segments.enumerated() {
      incident[segment.0].append(index)
      incident[segment.1].append(index)
    }
    var x = boxes.map(\.x)
    var y = boxes.map(\.y)
    // Pairs of links compared, at most: dense maps (hundreds of links) stop
    // early rather than hold up the picture; their crossings are many anyway.
    var budget = 2_000_000
    func crossingsAt(_ i: Int, _ j: Int) -> Int {
      let mine = Set(incident[i] + incident[j])
      budget -= mine.count * segments.count
      var count = 0
      for s in mine {
        for t in segments.indices where !mine.contains(t) || t > s {
          if cross(segments[s], segments[t], x, y) { count += 1 }
        }
      }
      return count
    }
    let neighbours = min(12, n - 1)
    for _ in 0..<8 {
      // Concepts on a crossing link, found afresh each sweep.
      var crossed = Set<Int>()
      for s in segments.indices {
        for t in segments.indices where t > s && cross(segments[s], segments[t], x, y) {
          crossed.formUnion([segments[s].0, segments[s].1, segments[t].0, segments[t].1])
        }
      }
      if crossed.isEmpty { break }
      budget -= segments.count * segments.count / 2
      var improved = false
      for i in crossed.sorted() where budget > 0 {
        // First try the concept at the middle of its linked concepts, where its links are shortest.
        let others = incident[i].map { segments[$0].0 == i ? segments[$0].1 : segments[$0].0 }
        if !others.isEmpty {
          let before = crossingsAt(i, i)
          let (oldX, oldY) = (x[i], y[i])
          x[i] = others.map { x[$0] }.reduce(0, +) / Double(others.count) + 7
          y[i] = others.map { y[$0] }.reduce(0, +) / Double(others.count) + 5
          if crossingsAt(i, i) < before {
            improved = true
          } else {
            (x[i], y[i]) = (oldX, oldY)
          }
        }
        let near = (0..<n).filter { $0 != i }.sorted {
          let a = (x[$0] - x[i]) * (x[$0] - x[i]) + (y[$0] - y[i]) * (y[$0] - y[i])
          let b = (x[$1] - x[i]) * (x[$1] - x[i]) + (y[$1] - y[i]) * (y[$1] - y[i])
          return (a, $0) < (b, $1)
        }.prefix(neighbours)
        for j in near where budget > 0 {
          let before = crossingsAt(i, j)
          if before == 0 { break }
          x.swapAt(i, j)
          y.swapAt(i, j)
          if crossingsAt(i, j) < before {
            improved = true
          } else {
            x.swapAt(i, j)
            y.swapAt(i, j)
          }
        }
      }
      if !improved || budget <= 0 { break }
    }
    for k in 0..<n {
      boxes[k].x = x[k]
      boxes[k].y = y[k]
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
