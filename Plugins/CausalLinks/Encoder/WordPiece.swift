// BERT's uncased tokenisation: the basic tokenizer (control characters
// dropped, lowercase, accents stripped, split on whitespace and on every
// punctuation character) then greedy longest-match WordPiece with "##".
import Foundation

/// A word as the basic tokenizer splits it, with where it is in the text.
public struct EncoderWord: Equatable, Sendable {
  /// UTF-8 byte range in the text given to `words(_:in:)`.
  public var range: Range<Int>
  /// Its WordPiece ids (one [UNK] when it has no pieces).
  public var pieces: [Int32]

  public init(range: Range<Int>, pieces: [Int32]) {
    self.range = range
    self.pieces = pieces
  }
}

public struct WordPieceTokenizer: Sendable {
  public let vocabulary: [String]
  private let ids: [String: Int32]
  public let unknown: Int32
  public let classify: Int32
  public let separator: Int32
  public let lowercase: Bool
  public let stripAccents: Bool

  /// Reads a vocabulary of one piece per line (line number = id).
  public init(vocabularyText: String, file: String, lowercase: Bool = true, stripAccents: Bool = true) throws {
    var lines = vocabularyText.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
    }
    if lines.last == "" { lines.removeLast() }
    vocabulary = lines
    var ids: [String: Int32] = [:]
    for (i, piece) in lines.enumerated() where ids[piece] == nil { ids[piece] = Int32(i) }
    self.ids = ids
    func special(_ name: String) throws -> Int32 {
      guard let id = ids[name] else {
        throw EncoderError(
          "\(file) has no \(name) line, so it is not a BERT WordPiece vocabulary. "
            + "Restore it from the Hark repository (corpora/models/causal-encoder).")
      }
      return id
    }
    unknown = try special("[UNK]")
    classify = try special("[CLS]")
    separator = try special("[SEP]")
    self.lowercase = lowercase
    self.stripAccents = stripAccents
  }

  public func id(_ piece: String) -> Int32? { ids[piece] }

  /// The words of `bytes[range]` (UTF-8) with their pieces. A word is a run
  /// of text between whitespace; inside it every punctuation character (and
  /// CJK character) is a token of its own before WordPiece.
  public func words(_ bytes: [UInt8], in range: Range<Int>) -> [EncoderWord] {
    var words: [EncoderWord] = []
    var pieces: [Int32] = []
    var token: [Unicode.Scalar] = []
    var start = range.lowerBound
    var end = range.lowerBound
    var open = false
    func flushToken() {
      if !token.isEmpty { pieces += self.pieces(normalised(token)) }
      token.removeAll(keepingCapacity: true)
    }
    func flushWord() {
      flushToken()
      if open, !pieces.isEmpty { words.append(EncoderWord(range: start..<end, pieces: pieces)) }
      pieces.removeAll(keepingCapacity: true)
      open = false
    }
    var i = range.lowerBound
    while i < range.upperBound {
      let (scalar, length) = Self.decode(bytes, at: i, limit: range.upperBound)
      defer { i += length }
      let value = scalar.value
      if value == 0 || value == 0xFFFD || Self.isControl(scalar) { continue }
      if Self.isWhitespace(scalar) {
        flushWord()
        continue
      }
      if !open {
        open = true
        start = i
      }
      end = i + length
      if Self.isPunctuation(scalar) || Self.isCJK(value) {
        flushToken()
        token = [scalar]
        flushToken()
      } else {
        token.append(scalar)
      }
    }
    flushWord()
    return words
  }

  /// Lowercased and without combining marks, as BERT's uncased models read words.
  func normalised(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
    if scalars.allSatisfy({ $0.isASCII }) {
      return lowercase
        ? scalars.map { $0.value >= 65 && $0.value <= 90 ? Unicode.Scalar($0.value + 32)! : $0 } : scalars
    }
    var text = String(String.UnicodeScalarView(scalars))
    if lowercase { text = text.lowercased() }
    guard stripAccents else { return Array(text.unicodeScalars) }
    return text.decomposedStringWithCanonicalMapping.unicodeScalars.filter {
      $0.properties.generalCategory != .nonspacingMark
    }
  }

  /// Greedy longest-match WordPiece; [UNK] for a word with no split or over 100 characters.
  func pieces(_ word: [Unicode.Scalar]) -> [Int32] {
    guard !word.isEmpty else { return [] }
    guard word.count <= 100 else { return [unknown] }
    var out: [Int32] = []
    var start = 0
    while start < word.count {
      var end = word.count
      var found: Int32?
      while start < end {
        var piece = start > 0 ? "##" : ""
        piece.unicodeScalars.append(contentsOf: word[start..<end])
        if let id = ids[piece] {
          found = id
          break
        }
        end -= 1
      }
      guard let found else { return [unknown] }
      out.append(found)
      start = end
    }
    return out
  }

  static func decode(_ bytes: [UInt8], at i: Int, limit: Int) -> (Unicode.Scalar, Int) {
    let b0 = UInt32(bytes[i])
    func continuation(_ k: Int) -> UInt32? {
      guard i + k < limit, bytes[i + k] & 0xC0 == 0x80 else { return nil }
      return UInt32(bytes[i + k] & 0x3F)
    }
    if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
    if b0 >= 0xC2, b0 < 0xE0, let c1 = continuation(1), let s = Unicode.Scalar((b0 & 0x1F) << 6 | c1) {
      return (s, 2)
    }
    if b0 >= 0xE0, b0 < 0xF0, let c1 = continuation(1), let c2 = continuation(2),
      let s = Unicode.Scalar((b0 & 0x0F) << 12 | c1 << 6 | c2), s.value >= 0x800
    {
      return (s, 3)
    }
    if b0 >= 0xF0, b0 < 0xF5, let c1 = continuation(1), let c2 = continuation(2), let c3 = continuation(3),
      let s = Unicode.Scalar((b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3), s.value >= 0x10000
    {
      return (s, 4)
    }
    return (Unicode.Scalar(0xFFFD)!, 1)
  }

  static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x20, 0x09, 0x0A, 0x0D: return true
    default: return !s.isASCII && s.properties.generalCategory == .spaceSeparator
    }
  }

  static func isControl(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x09, 0x0A, 0x0D: return false
    default:
      if s.value < 0x20 || s.value == 0x7F { return true }
      if s.isASCII { return false }
      switch s.properties.generalCategory {
      case .control, .format, .unassigned, .privateUse, .surrogate: return true
      default: return false
      }
    }
  }

  static func isPunctuation(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    if (33...47).contains(v) || (58...64).contains(v) || (91...96).contains(v) || (123...126).contains(v) {
      return true
    }
    if s.isASCII { return false }
    switch s.properties.generalCategory {
    case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
      .finalPunctuation, .otherPunctuation:
      return true
    default: return false
    }
  }

  static func isCJK(_ v: UInt32) -> Bool {
    (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x2A6DF).contains(v)
      || (0x2A700...0x2B73F).contains(v) || (0x2B740...0x2B81F).contains(v) || (0x2B820...0x2CEAF).contains(v)
      || (0xF900...0xFAFF).contains(v) || (0x2F800...0x2FA1F).contains(v)
  }
}
