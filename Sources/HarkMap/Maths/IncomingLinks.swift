// The links of a map prepared for the maths: grouped by effect for simulation,
// as distinct pairs for the indices; duplicates added up either way.

/// Each concept's incoming links in one contiguous run (compressed sparse
/// columns): links sharing a cause → effect pair add up, as in a matrix, and
/// pairs whose weights come to zero are no link. Built in time linear in the
/// number of links (plus sorting each run), since every run rebuilds it.
struct IncomingLinks: Sendable {
  /// Links into concept `e` are at `first[e] ..< first[e + 1]`.
  var first: [Int]
  var causes: [Int]
  var weights: [Double]

  var count: Int { causes.count }

  init(_ map: CognitiveMap) {
    let n = map.concepts.count
    let total = map.links.count
    var first = [Int](repeating: 0, count: n + 1)
    var causes = [Int](repeating: 0, count: total)
    var weights = [Double](repeating: 0, count: total)
    var kept = 0
    // Unchecked buffers: this runs before every simulation, and bounds are
    // guaranteed by construction (CognitiveMap's links index its concepts).
    map.links.withUnsafeBufferPointer { links in
      first.withUnsafeMutableBufferPointer { first in
        causes.withUnsafeMutableBufferPointer { causes in
          weights.withUnsafeMutableBufferPointer { weights in
            for link in links { first[link.effect + 1] += 1 }
            for i in 0..<n { first[i + 1] += first[i] }
            var fill = [Int](first.dropLast())
            fill.withUnsafeMutableBufferPointer { fill in
              for link in links {
                let slot = fill[link.effect]
                causes[slot] = link.cause
                weights[slot] = link.weight
                fill[link.effect] = slot + 1
              }
            }
            // Sort each run by cause so duplicates sit together, then add them up in place.
            var low = 0
            for effect in 0..<n {
              let high = first[effect + 1]
              first[effect] = kept
              Self.sortRun(causes, weights, low, high)
              var k = low
              while k < high {
                let cause = causes[k]
                var weight = weights[k]
                k += 1
                while k < high && causes[k] == cause {
                  weight += weights[k]
                  k += 1
                }
                if weight != 0 {
                  causes[kept] = cause
                  weights[kept] = weight
                  kept += 1
                }
              }
              low = high
            }
            first[n] = kept
          }
        }
      }
    }
    causes.removeLast(total - kept)
    weights.removeLast(total - kept)
    self.first = first
    self.causes = causes
    self.weights = weights
  }

  /// Insertion sort by cause: runs are short and usually already in order
  /// (matrix files list links cause by cause), which makes this linear.
  private static func sortRun(
    _ causes: UnsafeMutableBufferPointer<Int>, _ weights: UnsafeMutableBufferPointer<Double>, _ low: Int, _ high: Int
  ) {
    guard high - low > 1 else { return }
    for i in (low + 1)..<high where causes[i - 1] > causes[i] {
      let (cause, weight) = (causes[i], weights[i])
      var j = i
      while j > low && causes[j - 1] > cause {
        causes[j] = causes[j - 1]
        weights[j] = weights[j - 1]
        j -= 1
      }
      causes[j] = cause
      weights[j] = weight
    }
  }
}

/// The distinct cause → effect pairs of a map with their summed weights
/// (zero sums dropped), in no particular order: what the indices need.
struct LinkPairs {
  var causes: [Int]
  var effects: [Int]
  var weights: [Double]

  var count: Int { causes.count }

  init(_ map: CognitiveMap) {
    // Matrix files and most callers list links sorted by cause, then effect;
    // then duplicates sit together and one sequential pass is enough.
    let links = map.links
    var sorted = true
    for i in links.indices.dropFirst() {
      let (a, b) = (links[i - 1], links[i])
      if a.cause > b.cause || (a.cause == b.cause && a.effect > b.effect) {
        sorted = false
        break
      }
    }
    guard sorted else {
      let incoming = IncomingLinks(map)
      causes = incoming.causes
      weights = incoming.weights
      effects = [Int](repeating: 0, count: incoming.count)
      for effect in 0..<map.concepts.count {
        for k in incoming.first[effect]..<incoming.first[effect + 1] { effects[k] = effect }
      }
      return
    }
    var causes = [Int](repeating: 0, count: links.count)
    var effects = [Int](repeating: 0, count: links.count)
    var weights = [Double](repeating: 0, count: links.count)
    var kept = 0
    links.withUnsafeBufferPointer { links in
      causes.withUnsafeMutableBufferPointer { causes in
        effects.withUnsafeMutableBufferPointer { effects in
          weights.withUnsafeMutableBufferPointer { weights in
            var k = 0
            while k < links.count {
              let (cause, effect) = (links[k].cause, links[k].effect)
              var weight = links[k].weight
              k += 1
              while k < links.count && links[k].cause == cause && links[k].effect == effect {
                weight += links[k].weight
                k += 1
              }
              if weight != 0 {
                causes[kept] = cause
                effects[kept] = effect
                weights[kept] = weight
                kept += 1
              }
            }
          }
        }
      }
    }
    causes.removeLast(links.count - kept)
    effects.removeLast(links.count - kept)
    weights.removeLast(links.count - kept)
    self.causes = causes
    self.effects = effects
    self.weights = weights
  }
}
