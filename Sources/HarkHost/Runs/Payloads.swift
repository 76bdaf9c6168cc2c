// Building what a plugin receives from what the store holds: code point
// offsets become UTF-8 byte offsets.
import HarkStore

extension DocumentPayload {
  public static func make(
    _ document: StoredDocument, concepts: [String], codebook: [(name: String, parent: String, description: String)]
  ) -> DocumentPayload {
    let text = Array(document.text.utf8)
    // Byte offset of every code point boundary, computed in one pass.
    var byteOffsets: [UInt32] = []
    byteOffsets.reserveCapacity(text.count + 1)
    for (i, byte) in text.enumerated() where byte & 0xC0 != 0x80 { byteOffsets.append(UInt32(i)) }
    byteOffsets.append(UInt32(text.count))
    func byte(_ scalar: Int) -> UInt32 { byteOffsets[min(max(scalar, 0), byteOffsets.count - 1)] }

    var speakers: [PayloadSpeaker] = []
    var speakerIndex: [String: Int32] = [:]
    let turns = document.turns.map { turn -> PayloadTurn in
      let role = harkRole(turn.role)
      let index: Int32
      if let known = speakerIndex[turn.speaker] {
        index = known
      } else {
        index = Int32(speakers.count)
        speakerIndex[turn.speaker] = index
        speakers.append(PayloadSpeaker(name: turn.speaker, role: role, group: turn.group))
      }
      return PayloadTurn(start: byte(turn.start), end: byte(turn.end), speaker: index, role: role)
    }
    return DocumentPayload(
      id: "D\(document.id)", title: document.title, text: text, turns: turns, speakers: speakers, concepts: concepts,
      codes: codebook.map { PayloadCode(name: $0.name, parent: $0.parent, description: $0.description) })
  }
}

/// The hark_role value of a stored turn role.
func harkRole(_ stored: String) -> Int32 {
  switch stored {
  case "participant": 1
  case "interviewer": 2
  default: 0
  }
}
