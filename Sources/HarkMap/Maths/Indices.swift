// Graph indices of a fuzzy cognitive map (Özesmi & Özesmi 2004; MacDonald 1983
// for hierarchy): which concepts drive others, which are driven, and how the
// map as a whole is shaped.

/// A concept's role by the direction of its links.
public enum ConceptType: String, Sendable, Codable, CaseIterable {
  /// Only outgoing links (a driver: nothing in the map affects it).
  case transmitter
  /// Only incoming links (an outcome).
  case receiver
  /// Both.
  case ordinary
  /// No links at all (possible in a matrix file, never in an approved map).
  case isolated
}

/// Indices of one concept. Degrees are weighted: sums of |weight|.
public struct ConceptIndices: Sendable, Equatable, Codable {
  public var name: String
  /// Σ |weight| of links into the concept.
  public var indegree: Double
  /// Σ |weight| of links out of the concept.
  public var outdegree: Double
  /// indegree + outdegree.
  public var centrality: Double
  public var type: ConceptType
}

/// Indices of the whole map.
public struct MapIndices: Sendable, Equatable, Codable {
  public var concepts: Int
  /// Cause → effect pairs with a non-zero weight.
  public var links: Int
  /// Weakly connected components (a concept with no links is one on its own).
  public var components: Int
  /// links / (n(n − 1)): the share of possible links between distinct concepts that exist.
  public var density: Double
  public var transmitters: Int
  public var receivers: Int
  public var ordinary: Int
  /// receivers / transmitters; nil when there is no transmitter.
  public var complexity: Double?
  /// MacDonald's h = 12 / ((n − 1) n (n + 1)) · Σᵢ (odᵢ − Σod / n)², with odᵢ the
  /// weighted outdegree: 0 for a democratic map, 1 for a fully hierarchical one.
  public var hierarchy: Double
  /// One entry per concept, in the map's order.
  public var perConcept: [ConceptIndices]

  public init(_ map: CognitiveMap) {
    let n = map.concepts.count
    let pairs = LinkPairs(map)
    var indegree = [Double](repeating: 0, count: n)
    var outdegree = [Double](repeating: 0, count: n)
    // Union-find over the links (union by size, path halving) for the weakly connected components.
    var parent = Array(0..<n)
    var size = [Int](repeating: 1, count: n)
    parent.withUnsafeMutableBufferPointer { parent in
      size.withUnsafeMutableBufferPointer { size in
        indegree.withUnsafeMutableBufferPointer { indegree in
          outdegree.withUnsafeMutableBufferPointer { outdegree in
            pairs.causes.withUnsafeBufferPointer { causes in
              pairs.effects.withUnsafeBufferPointer { effects in
                pairs.weights.withUnsafeBufferPointer { weights in
                  func root(_ i: Int) -> Int {
                    var i = i
                    while parent[i] != i {
                      parent[i] = parent[parent[i]]
                      i = parent[i]
                    }
                    return i
                  }
                  for k in 0..<causes.count {
                    let (cause, effect, weight) = (causes[k], effects[k], abs(weights[k]))
                    outdegree[cause] += weight
                    indegree[effect] += weight
                    var (a, b) = (root(cause), root(effect))
                    if a == b { continue }
                    if size[a] > size[b] { swap(&a, &b) }
                    parent[a] = b
                    size[b] += size[a]
                  }
                }
              }
            }
          }
        }
      }
    }
    var roots = 0
    for i in 0..<n where parent[i] == i { roots += 1 }
    perConcept = (0..<n).map { i in
      let type: ConceptType =
        switch (indegree[i] > 0, outdegree[i] > 0) {
        case (false, true): .transmitter
        case (true, false): .receiver
        case (true, true): .ordinary
        case (false, false): .isolated
        }
      return ConceptIndices(
        name: map.concepts[i].name, indegree: indegree[i], outdegree: outdegree[i],
        centrality: indegree[i] + outdegree[i], type: type)
    }
    concepts = n
    self.links = pairs.count
    components = roots
    density = n > 1 ? Double(pairs.count) / Double(n * (n - 1)) : 0
    var (transmitters, receivers, ordinary) = (0, 0, 0)
    for concept in perConcept {
      switch concept.type {
      case .transmitter: transmitters += 1
      case .receiver: receivers += 1
      case .ordinary: ordinary += 1
      case .isolated: break
      }
    }
    (self.transmitters, self.receivers, self.ordinary) = (transmitters, receivers, ordinary)
    complexity = transmitters > 0 ? Double(receivers) / Double(transmitters) : nil
    if n > 1 {
      let mean = outdegree.reduce(0, +) / Double(n)
      let spread = outdegree.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
      hierarchy = 12 / (Double(n - 1) * Double(n) * Double(n + 1)) * spread
    } else {
      hierarchy = 0
    }
  }
}

extension MapIndices {
  /// Writes every key, `complexity` as null when there is no transmitter, so
  /// readers always find the same keys.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(concepts, forKey: .concepts)
    try container.encode(links, forKey: .links)
    try container.encode(components, forKey: .components)
    try container.encode(density, forKey: .density)
    try container.encode(transmitters, forKey: .transmitters)
    try container.encode(receivers, forKey: .receivers)
    try container.encode(ordinary, forKey: .ordinary)
    try container.encode(complexity, forKey: .complexity)
    try container.encode(hierarchy, forKey: .hierarchy)
    try container.encode(perConcept, forKey: .perConcept)
  }
}
