// The corpus `hark-dev bench` measures on: the sample transcripts' sentences,
// recombined at random into interviews of the same shape, written in every
// text format the importer reads. The same seed gives the same files.
import Foundation
import HarkCLI
import HarkStore
import HarkTranscripts

enum BenchCorpus {
  /// What the generator draws from: interviewer questions and participant sentences.
  struct Sample {
    var questions: [String] = []
    var questionWords: [Int] = []
    var sentences: [String] = []
    var sentenceWords: [Int] = []
    var participants: [String] = []
    var interviewers: [String] = []
  }

  struct Generated {
    var files: [String]
    /// Words spoken in the interviews; import counts a few more (titles, labels, clock times).
    var words: Int
  }

  static func sample(from corpus: String) throws -> Sample {
    let folder = (corpus as NSString).appendingPathComponent("transcripts")
    var sample = Sample()
    let participants = try ParticipantsCSV.read(
      contentsOf: URL(fileURLWithPath: (corpus as NSString).appendingPathComponent("participants.csv")))
    sample.participants = participants.filter { $0.role == .participant }.map(\.pseudonym)
    sample.interviewers = participants.filter { $0.role == .interviewer }.map(\.pseudonym)
    for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
      guard TranscriptFormat.allCases.contains(where: { name.hasSuffix("." + $0.rawValue) }) else { continue }
      let transcript = try TranscriptReader.read(
        contentsOf: URL(fileURLWithPath: (folder as NSString).appendingPathComponent(name)))
      let scalars = Array(transcript.text.unicodeScalars)
      for turn in transcript.turns {
        var said = String.UnicodeScalarView()
        said.append(contentsOf: scalars[turn.start..<turn.end])
        let text = String(said).replacingOccurrences(of: "\n", with: " ")
        if SpeakerMatcher.match(turn.speaker, among: sample.interviewers) != nil {
          sample.questions.append(text)
          sample.questionWords.append(WordCount.count(text))
        } else {
          for sentence in splitSentences(text) {
            sample.sentences.append(sentence)
            sample.sentenceWords.append(WordCount.count(sentence))
          }
        }
      }
    }
    guard !sample.sentences.isEmpty, !sample.questions.isEmpty, !sample.participants.isEmpty,
      !sample.interviewers.isEmpty
    else {
      throw HarkError(
        "the sample corpus has no interviewer and participant turns to recombine", subject: folder,
        hint: "Run `hark-dev bench` from the Hark repository, whose corpora/ folder holds the sample transcripts")
    }
    return sample
  }

  static func splitSentences(_ text: String) -> [String] {
    var out: [String] = []
    var current = ""
    for ch in text {
      current.append(ch)
      if ch == "." || ch == "?" || ch == "!" {
        let s = current.trimmingCharacters(in: .whitespaces)
        if s.count > 3 { out.append(s) }
        current = ""
      }
    }
    let rest = current.trimmingCharacters(in: .whitespaces)
    if rest.count > 3 { out.append(rest) }
    return out
  }

  /// Writes interviews of about `documentWords` spoken words (half to one and
  /// a half times that) until at least `words` are written.
  static func generate(_ sample: Sample, words: Int, documentWords: Int, seed: UInt64, into folder: String) throws
    -> Generated
  {
    var random = SplitMix64(seed: seed)
    var generated = Generated(files: [], words: 0)
    while generated.words < words {
      let number = generated.files.count + 1
      let target = min(words - generated.words, documentWords / 2 + random.next(documentWords + 1))
      var interview = Interview(
        number: number, interviewer: sample.interviewers[random.next(sample.interviewers.count)])
      // One participant, or now and then two interviewed together.
      interview.participants.append(sample.participants[random.next(sample.participants.count)])
      if random.next(5) == 0 {
        let other = sample.participants[random.next(sample.participants.count)]
        if other != interview.participants[0] { interview.participants.append(other) }
      }
      var count = 0
      while count < max(1, target) {
        let question = random.next(sample.questions.count)
        interview.turns.append((interview.interviewer, sample.questions[question]))
        count += sample.questionWords[question]
        let speaker = interview.participants[random.next(interview.participants.count)]
        var answer: [String] = []
        for _ in 0..<(1 + random.next(8)) {
          let sentence = random.next(sample.sentences.count)
          answer.append(sample.sentences[sentence])
          count += sample.sentenceWords[sentence]
        }
        interview.turns.append((speaker, answer.joined(separator: " ")))
      }
      let format = Interview.formats[random.next(Interview.formats.count)]
      let text = interview.render(format, random: &random)
      let path = (folder as NSString).appendingPathComponent(
        String(format: "generated-%05d.", number) + format.rawValue)
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      generated.files.append(path)
      generated.words += count
    }
    return generated
  }

  static func copyProject(_ path: String, to copy: String) throws -> ProjectStore {
    try ProjectFiles.remove(copy)
    try FileManager.default.copyItem(atPath: path, toPath: copy)
    return try ProjectStore(path: copy)
  }
}

/// One generated interview, written out in one of the formats the importer reads.
struct Interview {
  static let formats: [TranscriptFormat] = [.text, .markdown, .webVTT, .srt]
  static let phases = ["Discover", "Dream", "Design", "Destiny"]

  let number: Int
  let interviewer: String
  var participants: [String] = []
  var turns: [(speaker: String, text: String)] = []

  init(number: Int, interviewer: String) {
    self.number = number
    self.interviewer = interviewer
  }

  var title: String { "Generated interview \(number): " + participants.joined(separator: " and ") }

  func render(_ format: TranscriptFormat, random: inout SplitMix64) -> String {
    switch format {
    case .markdown: markdown()
    case .webVTT, .srt: cues(webVTT: format == .webVTT, random: &random)
    default: plainText(clock: random.next(2) == 0)
    }
  }

  /// "Name: words" paragraphs, with a clock time before some documents' turns.
  private func plainText(clock: Bool) -> String {
    var text = title + "\n\n"
    var seconds = 5
    for turn in turns {
      if clock { text += "[\(Self.clock(seconds * 1000, fraction: nil))] " }
      text += "\(turn.speaker): \(turn.text)\n\n"
      seconds += turn.text.utf8.count / 15 + 2
    }
    return text
  }

  /// Bold speaker labels under the appreciative-inquiry phases as headings.
  private func markdown() -> String {
    var text = "# \(title)\n\n- Interviewer: \(interviewer); participants: "
    text += participants.joined(separator: ", ") + "\n\n"
    let perPhase = max(2, turns.count / Self.phases.count + 1)
    for (k, turn) in turns.enumerated() {
      if k % perPhase == 0 { text += "## \(Self.phases[min(k / perPhase, Self.phases.count - 1)])\n\n" }
      text += "**\(turn.speaker):** \(turn.text)\n\n"
    }
    return text
  }

  /// Subtitle cues of 6 to 17 words, the longer ones on two lines; every cue
  /// opens with its speaker's label, as meeting tools write them.
  private func cues(webVTT: Bool, random: inout SplitMix64) -> String {
    var text = webVTT ? "WEBVTT\n\n" : ""
    var cue = 0
    var millis = 1_000 + random.next(2_000)
    for turn in turns {
      let words = turn.text.split(separator: " ")
      var next = 0
      while next < words.count {
        let size = min(words.count - next, 6 + random.next(12))
        let chunk = words[next..<(next + size)]
        next += size
        cue += 1
        let end = millis + size * (300 + random.next(150))
        text += "\(cue)\n\(Self.clock(millis, fraction: webVTT ? "." : ",")) --> "
        text += "\(Self.clock(end, fraction: webVTT ? "." : ","))\n\(turn.speaker): "
        // Two lines, unless the second would open with what reads as a speaker label ("Two: a visit").
        if size > 10, !chunk[chunk.startIndex + size / 2].hasSuffix(":") {
          text +=
            chunk.prefix(size / 2).joined(separator: " ") + "\n" + chunk.dropFirst(size / 2).joined(separator: " ")
        } else {
          text += chunk.joined(separator: " ")
        }
        text += "\n\n"
        millis = end + 100 + random.next(900)
      }
    }
    return text
  }

  /// "01:02:03", or with milliseconds after `fraction` ("01:02:03.456").
  static func clock(_ millis: Int, fraction: String?) -> String {
    let seconds = millis / 1000
    let base = String(format: "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
    guard let fraction else { return base }
    return base + fraction + String(format: "%03d", millis % 1000)
  }
}

/// A small deterministic generator (SplitMix64), so a seed gives the same corpus.
struct SplitMix64 {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func next(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
