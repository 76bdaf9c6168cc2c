import Foundation
import HarkCore
import Testing

@Suite("Long runs of one speaker's cues import in linear time")
struct ImportLongCueRunTests {
  /// 100,000 cues of one speaker, each a second long.
  static func cues(_ count: Int, srt: Bool) -> String {
    var text = srt ? "" : "WEBVTT\n\n"
    text.reserveCapacity(count * 60)
    let separator = srt ? "," : "."
    for index in 0..<count {
      let start = index
      func stamp(_ seconds: Int) -> String {
        let h = seconds / 3600
        let m = seconds / 60 % 60
        let s = seconds % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m):" + (s < 10 ? "0" : "") + "\(s)\(separator)000"
      }
      if srt { text += "\(index + 1)\n" }
      text += "\(stamp(start)) --> \(stamp(start + 1))\n"
      text += srt ? "Sam: word \(index)\n\n" : "<v Sam>word \(index)</v>\n\n"
    }
    return text
  }

  // Before the fix each cue copied the words of the whole turn so far: 100,000 cues took
  // 32 s in a release build. Linear work takes well under a second; the bound leaves room
  // for a slow, shared debug build.
  @Test("100,000 consecutive WebVTT cues of one speaker make one turn in under 10 seconds", arguments: [false, true])
  func oneSpeaker(srt: Bool) throws {
    let text = Self.cues(100_000, srt: srt)
    let started = Date()
    let read = try readTranscript(text, name: srt ? "long.srt" : "long.vtt")
    let seconds = Date().timeIntervalSince(started)
    #expect(read.turns.count == 1)
    #expect(read.turns[0].startTime == (srt ? "00:00:00,000" : "00:00:00.000"))
    #expect(spokenWords(read)[0].hasSuffix("word 99998 word 99999"))
    #expect(seconds < 10, "took \(seconds) s")
  }
}
