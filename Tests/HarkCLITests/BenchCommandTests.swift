// `hark-dev bench` as a user runs it: every figure printed, the JSON complete,
// the generated corpus the same for a seed. No timing is asserted.
import Foundation
import HarkTestSupport
import Testing

@Suite("hark-dev bench")
struct BenchCommandTests {
  static let plugins = ["Causal links", "Word count (C example)", "Sentiment", "Themes", "Values"]

  func isNumber(_ value: Any?) -> Bool { value is NSNumber || value is Int || value is Double }

  /// The first column of the lines between a table's header and the next blank line.
  func firstColumn(of stdout: String, after header: String) -> [String] {
    let lines = stdout.components(separatedBy: "\n")
    guard let start = lines.firstIndex(where: { $0.hasPrefix(header) }) else { return [] }
    return lines[(start + 1)...].prefix { !$0.isEmpty }.map { line in
      // Names end where the first number column starts (two spaces or more).
      String(line.components(separatedBy: "  ").first ?? line).trimmingCharacters(in: .whitespaces)
    }
  }

  /// The rows of the stage table, in order.
  static let stageRows =
    ["import", "import, first half"] + plugins.map { "plugin \($0), workers" } + [
      "lexical run, workers", "lexical run, half the corpus", "full run, workers", "full run, in-process",
    ]

  @Test(
    "a small bench prints a row for import, every plugin alone, the lexical run at two sizes, both full runs and every plugin on one core"
  )
  func tables() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try Hark.run(
      ["bench", "--words", "6000", "--document-words", "2000", "--output", "bench", "--quiet"], in: folder,
      program: Hark.developerTools)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(firstColumn(of: result.stdout, after: "stage ") == Self.stageRows)
    #expect(firstColumn(of: result.stdout, after: "plugin  ") == Self.plugins)
    let lines = result.stdout.components(separatedBy: "\n")
    // The coding-run figures, said plainly: which set the 1M words/s target applies to, memory at two sizes, the lock.
    #expect(
      lines.contains {
        $0.hasPrefix("coding run, results stored: lexical plugins (themes, values, sentiment) ")
          && $0.contains(" words per CPU second; target 1,000,000 words/s: ")
      })
    #expect(
      lines.contains {
        $0.hasPrefix("  every plugin ") && $0.hasSuffix("so a run with it cannot reach 1M words/s")
      })
    #expect(lines.contains { $0.hasPrefix("  peak memory (ru_maxrss) of the lexical run: ") })
    #expect(
      lines.contains {
        $0.hasPrefix("  longest write transaction of any coding run: ")
          && $0.hasSuffix("another process waits at most that long for the lock")
      })
    #expect(lines.contains { $0.hasPrefix("plugin boundary: the full run with worker processes takes ") })
    #expect(lines.contains { $0.hasPrefix("peak memory: hark ") && $0.hasSuffix("(target 500 MB: within)") })
    #expect(lines.contains { $0.hasPrefix("full run stored ") && $0.hasSuffix("scores; 0 failures") })
    // Which plugin holds the shared pass up: each plugin's own seconds in the full runs, every plugin named.
    for run in ["full run, workers", "full run, in-process"] {
      let inside = try #require(
        lines.first { $0.hasPrefix("\(run), seconds inside each plugin's calls, all threads: ") })
      let named = inside.split(separator: ": ", maxSplits: 1)[1].split(separator: ", ").map {
        String($0[..<$0.lastIndex(of: " ")!])
      }
      #expect(named.sorted() == Self.plugins.sorted())
    }
    #expect(!result.stdout.contains("Peers on one core"))
  }

  @Test("--json prints one object with every stage's words, time and peak memory, each stage on the whole corpus")
  func json() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try Hark.run(
      ["bench", "--words", "6000", "--document-words", "2000", "--output", "bench", "--json", "--quiet"], in: folder,
      program: Hark.developerTools)
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(
      Set(object.keys) == [
        "words", "documents", "seed", "cores", "workers", "load_average_start", "load_average_end",
        "generate_seconds", "stages", "per_core", "peak_memory_mb", "worker_peak_memory_mb", "memory_target_mb",
        "import_words_per_second", "full_run_words_per_second", "full_run_in_process_words_per_second",
        "boundary_cost", "lexical_run_words_per_second", "lexical_run_cpu_seconds", "lexical_run_max_rss_kb",
        "lexical_run_half_max_rss_kb", "longest_write_seconds",
      ])
    #expect(object["seed"] as? Int == 2026)
    let words = try #require(object["words"] as? Int)
    #expect(words >= 6000)
    let stages = try #require(object["stages"] as? [[String: Any]])
    #expect(
      stages.map { $0["stage"] as? String }
        == ["import", "import_half"] + Array(repeating: "plugin", count: Self.plugins.count) + [
          "lexical_run", "lexical_run_half", "full_run", "full_run_in_process",
        ])
    #expect(stages.compactMap { $0["name"] as? String }.dropFirst(2).dropLast(4) == Self.plugins[...])
    for stage in stages {
      let name = stage["stage"] as? String ?? "?"
      if name.hasSuffix("_half") {
        // The first half of the documents.
        #expect((1..<words).contains(stage["words"] as? Int ?? 0), "words of \(name)")
      } else {
        #expect(stage["words"] as? Int == words)
      }
      #expect(stage["failures"] as? Int == 0)
      for key in [
        "seconds", "cpu_seconds", "words_per_second", "peak_memory_mb", "worker_peak_memory_mb", "load_average",
        "max_rss_kb",
      ] {
        #expect(isNumber(stage[key]), "\(key) of \(stage["name"] ?? "?")")
      }
      if name != "import" && name != "import_half" {
        #expect((stage["longest_write_seconds"] as? Double ?? 0) > 0, "longest write of \(name)")
        #expect((stage["write_transactions"] as? Int ?? 0) > 0, "write transactions of \(name)")
      }
    }
    #expect((stages.last?["stored"] as? [String: Int])?.keys.sorted() == ["codes", "concepts", "links", "scores"])
    let perCore = try #require(object["per_core"] as? [[String: Any]])
    #expect(perCore.compactMap { $0["name"] as? String } == Self.plugins)
    #expect(
      perCore.allSatisfy {
        Set($0.keys) == ["id", "name", "words", "cpu_seconds", "seconds", "words_per_second", "failures"]
          && $0["words"] as? Int == words && $0["failures"] as? Int == 0
      })
    #expect((object["peak_memory_mb"] as? Int ?? 0) > 0)
  }

  @Test("the generated corpus is the same for a seed, differs for another, and mixes txt, md, vtt and srt")
  func deterministicCorpus() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    defer { try? FileManager.default.removeItem(at: folder) }
    func generate(_ output: String, seed: Int) throws -> [String: Data] {
      let result = try Hark.run(
        [
          "bench", "--corpus-only", "--words", "30000", "--document-words", "2000", "--seed", "\(seed)", "--output",
          output,
        ],
        in: folder, program: Hark.developerTools)
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout.hasPrefix("Generated "))
      #expect(result.stdout.hasSuffix(" in \(output)/corpus\n"))
      let corpus = folder.appendingPathComponent(output).appendingPathComponent("corpus")
      var files: [String: Data] = [:]
      for name in try FileManager.default.contentsOfDirectory(atPath: corpus.path) {
        files[name] = try Data(contentsOf: corpus.appendingPathComponent(name))
      }
      return files
    }
    let first = try generate("a", seed: 7)
    let again = try generate("b", seed: 7)
    let other = try generate("c", seed: 8)
    #expect(!first.isEmpty)
    #expect(first == again)
    #expect(first != other)
    #expect(Set(first.keys.map { ($0 as NSString).pathExtension }) == ["txt", "md", "vtt", "srt"])
  }

  @Test("--words 0 is refused with a message that says what to give")
  func zeroWords() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try Hark.run(["bench", "--words", "0", "--output", "bench"], in: folder, program: Hark.developerTools)
    #expect(result.status == 64)
    #expect(result.stderr.hasPrefix("Error: --words must be at least 1 (got 0)\n"))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("bench").path))
  }

  @Test("a folder a bench did not make is left alone")
  func foreignFolder() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    defer { try? FileManager.default.removeItem(at: folder) }
    let notes = folder.appendingPathComponent("notes.txt")
    try Data("mine".utf8).write(to: notes)
    let result = try Hark.run(
      ["bench", "--words", "100", "--output", folder.path], in: folder, program: Hark.developerTools)
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "Error: \(folder.path): is not a folder an earlier `hark-dev bench` made, and the bench would write its files there. Give --output an empty or new folder\n"
    )
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.txt"])
  }
}
