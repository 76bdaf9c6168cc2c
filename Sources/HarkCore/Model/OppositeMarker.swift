// The one place a "~" in a label is read. Plugins (through the synonym
// file's `~loneliness` lines) and people typing a concept may write "~X" for
// "the opposite of X"; the store turns that into a relation between concepts
// as the label comes in, and no label it keeps carries the marker. Every
// leading "~" counts, so "~~X" is X itself and the marker can never stack.
import Foundation

public struct ConceptReference: Sendable, Equatable {
  /// The label without any marker.
  public var label: String
  /// True when the label named the opposite of `label`.
  public var isOpposite: Bool

  public init(_ written: String) {
    var text = Substring(written.trimmingCharacters(in: .whitespacesAndNewlines))
    var opposite = false
    while text.first == "~" {
      opposite.toggle()
      text = text.dropFirst().drop(while: { $0.isWhitespace })
    }
    label = String(text)
    isOpposite = opposite
  }

  /// False for a label that is nothing but "~": it names no concept.
  public var names: Bool { !label.isEmpty }
}
