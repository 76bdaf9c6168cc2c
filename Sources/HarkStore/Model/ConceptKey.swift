// How concept labels from different documents and plugins meet: the key is the
// label lowercased, NFC, with determiners and possessives dropped, whitespace
// collapsed and a plural -s on the last word removed. "The peer groups" and
// "peer group" share the key "peer group". Hierarchy ("Support; peer support")
// keeps its marker. A "~" is kept too, but only so the keys of concepts an
// earlier Hark made ("~lonely") still match: what "~" means is read once, by
// `ConceptReference`, before a label reaches the store, and being an
// opposite is the relation `concept.opposite_of`, never a key.
import Foundation

public enum ConceptKey {
  static let dropped: Set<String> = [
    "the", "a", "an", "my", "your", "his", "her", "their", "our", "its", "this", "that", "these", "those", "some",
  ]

  /// The key of `label`. Keys are remembered (a coding run stores the same
  /// few thousand labels over and over); the memory is emptied when it
  /// holds `remembered` labels, so it stays small on any corpus.
  public static func make(_ label: String) -> String {
    if let key = memory.key(label) { return key }
    let key = compute(label)
    memory.remember(label, key)
    return key
  }

  static let remembered = 20_000
  private static let memory = Memory()

  private final class Memory: @unchecked Sendable {
    private let lock = NSLock()
    private var keys: [String: String] = [:]

    func key(_ label: String) -> String? { lock.withLock { keys[label] } }

    func remember(_ label: String, _ key: String) {
      lock.withLock {
        if keys.count >= ConceptKey.remembered { keys.removeAll(keepingCapacity: true) }
        keys[label] = key
      }
    }
  }

  static func compute(_ label: String) -> String {
    var text = label.precomposedStringWithCanonicalMapping.lowercased()
    var opposite = false
    text = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if text.hasPrefix("~") {
      opposite = true
      text.removeFirst()
    }
    let levels = text.split(separator: ";").map { level -> String in
      var words = level.split(whereSeparator: { $0.isWhitespace }).map { word in
        String(word).trimmingCharacters(
          in: CharacterSet.punctuationCharacters.subtracting(CharacterSet(charactersIn: "-'")))
      }.filter { !$0.isEmpty }
      while let first = words.first, dropped.contains(first), words.count > 1 { words.removeFirst() }
      if var last = words.last {
        if last.hasSuffix("'s") { last.removeLast(2) }
        if last.count > 3, last.hasSuffix("s"), !last.hasSuffix("ss"), !last.hasSuffix("us"), !last.hasSuffix("is") {
          last.removeLast()
        }
        words[words.count - 1] = last
      }
      return words.joined(separator: " ")
    }.filter { !$0.isEmpty }
    return (opposite ? "~" : "") + levels.joined(separator: "; ")
  }
}
