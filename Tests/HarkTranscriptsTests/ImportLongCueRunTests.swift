import Foundation
import HarkTestSupport
import HarkTranscripts
import Testing

@Suite("Long runs of one speaker's WebVTT and SRT cues import in linear time")
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
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m):" + (s < 10 ? "0" : "")
          + "\(s)\(separator)000"
      }
      if srt { text += "\(index + 1)\n" }
      text += "\(stamp(start)) --> \(stamp(start + 1))\n"
      text += srt ? "Sam: word \(index)\n\n" : "<v Sam>word \(index)</v>\n\n"
    }
    return text
  }

  /// Seconds to read `count` cues of one speaker, after checking they make one turn.
  static func secondsToRead(_ count: Int, srt: Bool) throws -> Double {
    let text = cues(count, srt: srt)
    let started = Date()
    let read = try readTranscript(text, name: srt ? "long.srt" : "long.vtt")
    let seconds = Date().timeIntervalSince(started)
    #expect(read.turns.count == 1)
    #expect(read.turns[0].startTime == (srt ? "00:00:00,000" : "00:00:00.000"))
    #expect(spokenWords(read)[0].hasSuffix("word \(count - 2) word \(count - 1)"))
    return seconds
  }

  // Before the fix each cue copied the words of the whole turn so far: 100,000 cues took
  // 32 s. Time is compared across sizes rather than against a clock, since test machines
  // and debug builds differ: five times the cues must take less than ten times as long
  // (linear work takes about five times; the old quadratic work about twenty-five). Each
  // size is read three times, interleaved, and the fastest counts, so that a burst of load
  // during one reading cannot decide the test.
  @Test(
    "five times as many consecutive cues of one speaker take less than ten times as long", arguments: [false, true])
  func linear(srt: Bool) throws {
    var small = Double.infinity
    var large = Double.infinity
    for _ in 0..<3 {
      small = min(small, try Self.secondsToRead(10_000, srt: srt))
      large = min(large, try Self.secondsToRead(50_000, srt: srt))
    }
    #expect(large < small * 10, "10,000 cues: \(small) s; 50,000 cues: \(large) s")
  }

  // Each "<" (WebVTT) or "{\\" (SRT) searched the rest of its line for the closing ">" or
  // "}": a 200 KB line of unclosed ones took more than two minutes. Now under a second.
  @Test("a cue line of 100,000 unclosed tags is read in seconds, not minutes", arguments: [false, true])
  func unclosedTags(srt: Bool) throws {
    let text =
      srt
      ? "1\n00:00:01,000 --> 00:00:02,000\nSam: " + String(repeating: "{\\", count: 100_000) + "\n"
      : "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Sam>" + String(repeating: "<a", count: 100_000) + "\n"
    let started = Date()
    let read = try readTranscript(text, name: srt ? "tags.srt" : "tags.vtt")
    let seconds = Date().timeIntervalSince(started)
    #expect(read.turns.map(\.speaker) == ["Sam"])
    #expect(spokenWords(read)[0].unicodeScalars.count == 200_000)
    #expect(seconds < 10, "took \(seconds) s")
  }
}
