// A document as handed to a plugin: UTF-8 text and turns in byte offsets,
// plus the project's known concepts and codebook.
import HarkPluginABI

#if canImport(Glibc)
  import Glibc
#endif

public struct PayloadTurn: Sendable, Equatable {
  public var start: UInt32
  public var end: UInt32
  public var speaker: Int32
  public var role: Int32

  public init(start: UInt32, end: UInt32, speaker: Int32, role: Int32) {
    self.start = start
    self.end = end
    self.speaker = speaker
    self.role = role
  }
}

public struct PayloadSpeaker: Sendable, Equatable {
  public var name: String
  public var role: Int32
  public var group: String

  public init(name: String, role: Int32, group: String) {
    self.name = name
    self.role = role
    self.group = group
  }
}

public struct PayloadCode: Sendable, Equatable {
  public var name: String
  public var parent: String
  public var description: String

  public init(name: String, parent: String, description: String) {
    self.name = name
    self.parent = parent
    self.description = description
  }
}

public struct DocumentPayload: Sendable, Equatable {
  public var id: String
  public var title: String
  public var text: [UInt8]
  public var turns: [PayloadTurn]
  public var speakers: [PayloadSpeaker]
  public var concepts: [String]
  public var codes: [PayloadCode]

  public init(
    id: String, title: String, text: [UInt8], turns: [PayloadTurn], speakers: [PayloadSpeaker],
    concepts: [String] = [], codes: [PayloadCode] = []
  ) {
    self.id = id
    self.title = title
    self.text = text
    self.turns = turns
    self.speakers = speakers
    self.concepts = concepts
    self.codes = codes
  }

  /// Builds the C view, valid only inside `body`.
  func withCDocument<R>(_ body: (UnsafePointer<hark_document>) -> R) -> R {
    var strings: [UnsafeMutablePointer<CChar>] = []
    func keep(_ s: String) -> UnsafePointer<CChar> {
      let p = strdup(s)!
      strings.append(p)
      return UnsafePointer(p)
    }
    defer { for string in strings { free(string) } }

    let speakers = self.speakers.map { s in
      hark_speaker(
        struct_size: UInt32(MemoryLayout<hark_speaker>.size), name: keep(s.name), role: s.role, group: keep(s.group))
    }
    let turns = self.turns.map { t in
      hark_turn(
        struct_size: UInt32(MemoryLayout<hark_turn>.size), start: t.start, end: t.end, speaker: t.speaker, role: t.role)
    }
    let codes = self.codes.map { c in
      hark_code_def(
        struct_size: UInt32(MemoryLayout<hark_code_def>.size), name: keep(c.name), parent: keep(c.parent),
        description: keep(c.description))
    }
    let concepts: [UnsafePointer<CChar>?] = self.concepts.map { keep($0) }
    let id = keep(self.id)
    let title = keep(self.title)
    var text = self.text
    text.append(0)
    return text.withUnsafeBufferPointer { textBuffer in
      speakers.withUnsafeBufferPointer { speakerBuffer in
        turns.withUnsafeBufferPointer { turnBuffer in
          codes.withUnsafeBufferPointer { codeBuffer in
            concepts.withUnsafeBufferPointer { conceptBuffer in
              var project = hark_project_context(
                struct_size: UInt32(MemoryLayout<hark_project_context>.size), concepts: conceptBuffer.baseAddress,
                concept_count: conceptBuffer.count, codes: codeBuffer.baseAddress, code_count: codeBuffer.count)
              return withUnsafePointer(to: &project) { projectPointer in
                var document = hark_document(
                  struct_size: UInt32(MemoryLayout<hark_document>.size), id: id, title: title,
                  text: UnsafeRawPointer(textBuffer.baseAddress!).assumingMemoryBound(to: CChar.self),
                  text_length: self.text.count, turns: turnBuffer.baseAddress, turn_count: turnBuffer.count,
                  speakers: speakerBuffer.baseAddress, speaker_count: speakerBuffer.count, project: projectPointer)
                return withUnsafePointer(to: &document) { body($0) }
              }
            }
          }
        }
      }
    }
  }
}
