// The kit reads what the host passes only as far as each struct's own
// struct_size goes: an older host's structs may be shorter than the ones
// this kit was built with, a newer host's longer.
import Testing

@testable import HarkPluginKit

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Host structs of other ABI minors")
struct HostStructTests {
  /// "Ruth: Hi?\nAmina: fine\n": Ruth's turn is bytes 6..<9, Amina's 17..<21.
  static let text = Array("Ruth: Hi?\nAmina: fine\n".utf8CString)

  /// Builds a C document from the host side, turns `turnStride` bytes apart
  /// and the document claiming `documentSize` bytes, and reads it.
  static func read(turnStride: Int, documentSize: UInt32) -> Document {
    let literals: [String] = [
      "Ruth", "Amina", "research team", "people using services", "D1", "Interview", "being heard", "",
    ]
    let names = literals.map { text in strdup(text)! }
    defer { for name in names { free(name) } }
    let speakers = [
      hark_speaker(struct_size: 32, name: names[0], role: 2, group: names[2]),
      hark_speaker(struct_size: 32, name: names[1], role: 1, group: names[3]),
    ]
    let turns = UnsafeMutableRawPointer.allocate(byteCount: 2 * turnStride, alignment: 8)
    defer { turns.deallocate() }
    turns.initializeMemory(as: UInt8.self, repeating: 0xEE, count: 2 * turnStride)  // the "newer" bytes
    for (i, (start, end, speaker, role)) in [(6, 9, 0, 2), (17, 21, 1, 1)].enumerated() {
      let turn = turns + i * turnStride
      turn.storeBytes(of: UInt32(turnStride), as: UInt32.self)
      turn.storeBytes(of: UInt32(start), toByteOffset: 4, as: UInt32.self)
      turn.storeBytes(of: UInt32(end), toByteOffset: 8, as: UInt32.self)
      turn.storeBytes(of: Int32(speaker), toByteOffset: 12, as: Int32.self)
      turn.storeBytes(of: Int32(role), toByteOffset: 16, as: Int32.self)
    }
    let codes = [hark_code_def(struct_size: 32, name: names[6], parent: names[7], description: names[7])]
    return text.withUnsafeBufferPointer { textBuffer in
      speakers.withUnsafeBufferPointer { speakerBuffer in
        codes.withUnsafeBufferPointer { codeBuffer in
          var project = hark_project_context(
            struct_size: 40, concepts: nil, concept_count: 0, codes: codeBuffer.baseAddress, code_count: 1)
          return withUnsafePointer(to: &project) { projectPointer in
            var document = hark_document(
              struct_size: documentSize, id: names[4], title: names[5], text: textBuffer.baseAddress,
              text_length: textBuffer.count - 1,
              turns: UnsafePointer(turns.assumingMemoryBound(to: hark_turn.self)), turn_count: 2,
              speakers: speakerBuffer.baseAddress, speaker_count: 2, project: projectPointer)
            return withUnsafePointer(to: &document) { Document($0) }
          }
        }
      }
    }
  }

  static let turns = [
    Turn(span: 6..<9, speaker: "Ruth", group: "research team", role: .interviewer),
    Turn(span: 17..<21, speaker: "Amina", group: "people using services", role: .participant),
  ]

  @Test("a host of this ABI: every field is read")
  func sameMinor() {
    let document = Self.read(turnStride: 20, documentSize: 80)
    #expect(document.id == "D1" && document.title == "Interview" && document.text == "Ruth: Hi?\nAmina: fine\n")
    #expect(document.turns == Self.turns)
    #expect(document.codebook == [CodeDefinition(name: "being heard")])
  }

  @Test("a newer host's longer turns are stepped through by their own size, extra bytes unread")
  func longerTurns() {
    let document = Self.read(turnStride: 28, documentSize: 80)
    #expect(document.turns == Self.turns)
  }

  @Test("an older host's document that ends before `project` reads as having no project")
  func shorterDocument() {
    let document = Self.read(turnStride: 20, documentSize: 72)
    #expect(document.turns == Self.turns)
    #expect(document.codebook == [])
    #expect(document.knownConcepts == [])
  }

  @Test("hostStruct reads only the claimed bytes and zeroes the rest")
  func zeroesMissingFields() {
    var turn = hark_turn(struct_size: 12, start: 4, end: 9, speaker: 3, role: 1)
    let read: hark_turn = withUnsafePointer(to: &turn) { hostStruct($0) }
    #expect(read.start == 4 && read.end == 9)
    #expect(read.speaker == 0 && read.role == 0)
  }
}
