// A document as a plugin sees it. Every offset is a UTF-8 byte offset into
// `text`, half-open, as in hark_plugin.h.
import HarkPluginABI

public enum SpeakerRole: Int32, Sendable {
  case unknown = 0
  case participant = 1
  case interviewer = 2
}

public struct Turn: Sendable, Equatable {
  /// UTF-8 byte range of what was said.
  public var span: Range<Int>
  public var speaker: String
  public var group: String
  public var role: SpeakerRole

  public init(span: Range<Int>, speaker: String, group: String = "", role: SpeakerRole) {
    self.span = span
    self.speaker = speaker
    self.group = group
    self.role = role
  }
}

public struct CodeDefinition: Sendable, Equatable {
  public var name: String
  public var parent: String
  public var description: String

  public init(name: String, parent: String = "", description: String = "") {
    self.name = name
    self.parent = parent
    self.description = description
  }
}

public struct Document: Sendable {
  public var id: String
  public var title: String
  public var text: String
  /// The text as UTF-8 bytes; offsets index this array.
  public var bytes: [UInt8]
  public var turns: [Turn]
  public var knownConcepts: [String]
  public var codebook: [CodeDefinition]

  public init(
    id: String, title: String = "", text: String, turns: [Turn]? = nil,
    knownConcepts: [String] = [], codebook: [CodeDefinition] = []
  ) {
    self.id = id
    self.title = title
    self.text = text
    self.bytes = Array(text.utf8)
    self.turns = turns ?? [Turn(span: 0..<self.bytes.count, speaker: "", role: .participant)]
    self.knownConcepts = knownConcepts
    self.codebook = codebook
  }

  /// The text of a byte range (which must lie on scalar boundaries).
  public func slice(_ span: Range<Int>) -> String {
    String(decoding: bytes[span], as: UTF8.self)
  }

  /// Turns whose speaker is a participant (or unknown): the data to code.
  public var participantTurns: [Turn] { turns.filter { $0.role != .interviewer } }
}

extension Document {
  /// Copies a C document into Swift values. Every host struct is read only
  /// as far as its struct_size goes (`hostStruct`): from an older host the
  /// fields it lacks read as empty, from a newer one the extra fields are
  /// never touched.
  init(_ c: UnsafePointer<hark_document>) {
    let d: hark_document = hostStruct(c)
    let bytes = UnsafeBufferPointer(
      start: UnsafeRawPointer(d.text)?.assumingMemoryBound(to: UInt8.self), count: d.text_length)
    let text = String(decoding: bytes, as: UTF8.self)
    var speakers: [(String, String)] = []
    for i in 0..<d.speaker_count {
      let s = element(d.speakers, i)
      speakers.append((cString(s.name), cString(s.group)))
    }
    var turns: [Turn] = []
    for i in 0..<d.turn_count {
      let t = element(d.turns, i)
      let speaker = t.speaker >= 0 && Int(t.speaker) < speakers.count ? speakers[Int(t.speaker)] : ("", "")
      turns.append(
        Turn(
          span: Int(t.start)..<Int(t.end), speaker: speaker.0, group: speaker.1,
          role: SpeakerRole(rawValue: t.role) ?? .unknown))
    }
    var concepts: [String] = []
    var codes: [CodeDefinition] = []
    if let pointer = d.project {
      let project: hark_project_context = hostStruct(pointer)
      for i in 0..<project.concept_count { concepts.append(cString(project.concepts[i])) }
      for i in 0..<project.code_count {
        let code = element(project.codes, i)
        codes.append(
          CodeDefinition(name: cString(code.name), parent: cString(code.parent), description: cString(code.description))
        )
      }
    }
    self.init(
      id: cString(d.id), title: cString(d.title), text: text, turns: d.turn_count == 0 ? nil : turns,
      knownConcepts: concepts, codebook: codes)
  }
}

/// Element `i` of a host array, stepping by the elements' own struct_size
/// (a newer host's structs may be larger than this plugin's, an older one's
/// smaller).
func element<T>(_ base: UnsafePointer<T>, _ i: Int) -> T {
  let stride = Int(UnsafeRawPointer(base).loadUnaligned(as: UInt32.self))
  return hostStruct(at: UnsafeRawPointer(base) + i * (stride > 0 ? stride : MemoryLayout<T>.size))
}

/// A copy of the host's struct at `pointer`, reading only the bytes its
/// struct_size (its first field) says it has; the fields past them are zero
/// (NULL pointers, 0 counts). Never `pointer.pointee`: that would read this
/// plugin's size of struct from a host whose struct may be shorter.
func hostStruct<T>(at pointer: UnsafeRawPointer) -> T {
  let claimed = Int(pointer.loadUnaligned(as: UInt32.self))
  let size = MemoryLayout<T>.size
  return withUnsafeTemporaryAllocation(byteCount: size, alignment: MemoryLayout<T>.alignment) { buffer in
    let base = buffer.baseAddress!
    base.initializeMemory(as: UInt8.self, repeating: 0, count: size)
    base.copyMemory(from: pointer, byteCount: min(claimed, size))
    return base.load(as: T.self)
  }
}

func hostStruct<T>(_ pointer: UnsafePointer<T>) -> T { hostStruct(at: UnsafeRawPointer(pointer)) }

func cString(_ p: UnsafePointer<CChar>?) -> String {
  guard let p else { return "" }
  return String(cString: p)
}
