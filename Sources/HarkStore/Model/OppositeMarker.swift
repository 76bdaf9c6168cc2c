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
    // Most labels start and end with an ASCII character that is neither a
    // blank nor "~": then there is nothing to trim or read.
    if let first = written.utf8.first, let last = written.utf8.last, Self.plain(first), Self.plain(last),
      first != UInt8(ascii: "~")
    {
      label = written
      isOpposite = false
      return
    }
    var text = Substring(written.trimmingCharacters(in: .whitespacesAndNewlines))
    var opposite = false
    while text.first == "~" {
      opposite.toggle()
      text = text.dropFirst().drop(while: { $0.isWhitespace })
    }
    label = String(text)
    isOpposite = opposite
  }

  private static func plain(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x20 && !(0x09...0x0D).contains(byte) }

  /// False for a label that is nothing but "~": it names no concept.
  public var names: Bool { !label.isEmpty }
}
