// Exports in each format, and the plugin author's commands.
import Foundation
import HarkStore
import HarkTestSupport
import Testing

@Suite("Exports")
struct ExportCommandTests {
  func export(_ format: String) throws -> String {
    let (folder, path) = try KnownProject.make()
    let output = folder.appendingPathComponent("out").path
    let result = try Hark.run(["export", "--project", path, "--format", format, "--output", output], in: folder)
    #expect(result.stdout == "Wrote \(output) (\(format), 3 links: not-rejected)\n")
    // Decoded by hand: Foundation would drop a byte order mark.
    return String(decoding: try Data(contentsOf: URL(fileURLWithPath: output)), as: UTF8.self)
  }

  @Test("CSV: one row per quote with the link's numbers and who said it")
  func csv() throws {
    #expect(
      try export("csv") == """
        link,cause,effect,polarity,strength,weight,status,sources,quotes,document,participant,group,start,end,quote,explanation
        L2,waiting list,anxiety,+,0.8,0.8,candidate,1,1,Interview 1,Amina,people using services,68,107,The waiting list made my anxiety worse.,"pattern ""X made Y worse\"\"\"
        L1,peer group,less alone,+,0.6,0.6,candidate,1,1,Interview 1,Amina,people using services,26,67,The peer group helped me feel less alone.,"pattern ""X helped me Y\"\"\"
        L3,peer group,hope,+,0.6,0.6,candidate,1,1,Interview 2,Grace,carers,26,50,Peer groups gave me hope,"pattern ""X gave me Y\"\"\"

        """)
  }

  @Test("exporting into a folder that does not exist is refused")
  func missingFolder() throws {
    let (folder, path) = try KnownProject.make()
    let result = try Hark.run(
      ["export", "--project", path, "--format", "json", "--output", "/nonexistent/dir/x.json"], in: folder)
    #expect(result.status == 1)
    #expect(result.stderr == "Error: /nonexistent/dir: the folder does not exist. Create it first\n")
  }
}

@Suite("Command-line validation")
struct ValidationCommandTests {
  @Test("exporting onto a folder is refused with the path")
  func exportOntoFolder() throws {
    let (folder, path) = try KnownProject.make()
    let result = try Hark.run(["export", "--project", path, "--format", "csv", "--output", folder.path], in: folder)
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "Error: \(folder.path): is a folder. Give a file name for the export, e.g. \(folder.path)/export.json\n")
  }

  @Test(
    "plugins configure refuses options the plugin's schema does not allow (the first in key order), keeping the stored ones"
  )
  func configureChecksSchema() throws {
    let (folder, path) = try KnownProject.make()
    let good = try Hark.run(
      ["plugins", "configure", "--project", path, "org.hark.themes", #"{"minDocuments": 3}"#], in: folder)
    #expect(good.status == 0)
    let bad = try Hark.run(
      ["plugins", "configure", "--project", path, "org.hark.themes", #"{"minDocuments": 0, "minDocs": 2}"#],
      in: folder)
    #expect(bad.status == 1)
    #expect(
      bad.stderr
        == "Error: org.hark.themes has no option \"minDocs\"; its options are \"generic\", \"maxConcepts\", \"maxPhrases\", \"minDocuments\", \"minMentions\", \"stopwords\", \"synonyms\". Its options in this project were left as they were\n"
    )
    #expect(try ProjectStore(path: path).pluginSetting("org.hark.themes").options == #"{"minDocuments": 3}"#)
  }

  @Test("a timeout of zero seconds is refused before anything runs")
  func zeroTimeout() throws {
    let (folder, path) = try KnownProject.make()
    let result = try Hark.run(["code", "--project", path, "--timeout", "0"], in: folder)
    #expect(result.status == 64)
    #expect(result.stderr.hasPrefix("Error: --timeout must be a number of seconds above 0\n"))
  }

  @Test("a plugin folder named twice in HARK_PLUGIN_PATH lists each plugin once, without warnings")
  func duplicateFolder() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    let plugins = folder.appendingPathComponent("plugins")
    try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: plugins.appendingPathComponent("misbehaving.so").path,
      withDestinationPath: Hark.binaries.appendingPathComponent("libHarkTestPluginMisbehaving.so").path)
    let result = try Hark.run(
      ["plugins", "--json"], in: folder, environment: ["HARK_PLUGIN_PATH": "\(plugins.path):\(plugins.path)"])
    #expect(result.stderr == "")
    #expect(result.stdout.components(separatedBy: "org.hark.test.misbehaving").count == 2)
  }
}

@Suite("Plugin author commands")
struct PluginCommandTests {
  func pluginFolder() throws -> (URL, [String: String]) {
    let folder = try makeTemporaryFolder("hark-cli")
    let plugins = folder.appendingPathComponent("plugins")
    try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: plugins.appendingPathComponent("misbehaving.so").path,
      withDestinationPath: Hark.binaries.appendingPathComponent("libHarkTestPluginMisbehaving.so").path)
    return (folder, ["HARK_PLUGIN_PATH": plugins.path])
  }

  @Test(
    "plugins run reads JSON lines and prints each result with code point offsets and its quote, and the plugin's log")
  func runJSONLines() throws {
    let (folder, env) = try pluginFolder()
    let input =
      #"{"id": "a", "text": "Zoë 💛 said the group helped."}"# + "\n" + #"{"id": "b", "text": "Nothing."}"# + "\n"
    let result = try Hark.run(["plugins", "run", "misbehaving"], in: folder, environment: env, input: input)
    #expect(result.status == 0)
    #expect(
      result.stdout == """
        {"document":"a","kind":"log","message":"analysing a (32 bytes)"}
        {"document":"a","kind":"code","code":"test","start":0,"end":28,"quote":"Zoë 💛 said the group helped.","confidence":1,"explanation":"first participant turn"}
        {"document":"b","kind":"log","message":"analysing b (8 bytes)"}
        {"document":"b","kind":"code","code":"test","start":0,"end":8,"quote":"Nothing.","confidence":1,"explanation":"first participant turn"}

        """)
  }

  @Test("plugins run reads JSON escapes (accents, a surrogate pair, quotes, a new line) and takes a library path")
  func runEscapesAndPath() throws {
    let (folder, _) = try pluginFolder()
    let path = Hark.binaries.appendingPathComponent("libHarkTestPluginMisbehaving.so").path
    let input = #"{"text": "Zo\u00eb \ud83c\udf31 said \"yes\"\nthen left", "other": [1, {"x": "}"}], "id": 7}"# + "\n"
    let result = try Hark.run(["plugins", "run", path], in: folder, input: input)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.split(separator: "\n").last
        == #"{"document":"7","kind":"code","code":"test","start":0,"end":26,"quote":"Zoë 🌱 said \"yes\"\nthen left","confidence":1,"explanation":"first participant turn"}"#
    )
  }

  @Test("plugins run names the input line that is not a JSON object with text, and a library that is not there")
  func runBadInput() throws {
    let (folder, env) = try pluginFolder()
    let bad = try Hark.run(
      ["plugins", "run", "misbehaving"], in: folder, environment: env, input: "{\"text\": \"a\"}\n{\"txt\": 1}\n")
    #expect(
      bad.stderr
        == "Error: stdin:2: is not a JSON object with a \"text\" string. Write one {\"id\": \"…\", \"text\": \"…\"} per line, or plain text for one document\n"
    )
    let missing = try Hark.run(["plugins", "run", "nowhere/libX.so"], in: folder, input: "x")
    #expect(
      missing.stderr == "Error: nowhere/libX.so: no such plugin library. Give the path of a .so file, or a plugin id\n")
  }

  @Test("plugins run prints a link's cause and effect spans, and each slices the text to its quote")
  func runLinkSpans() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    let text = "Zoë said: the peer group really helped me feel less alone. The tablets stopped me going under."
    let result = try Hark.run(["plugins", "run", "causal-links"], in: folder, input: text)
    #expect(result.status == 0, "\(result.stderr)")
    let scalars = Array(text.unicodeScalars)
    func slice(_ start: Int, _ end: Int) -> String { String(String.UnicodeScalarView(scalars[start..<end])) }
    let links = try result.stdout.split(separator: "\n").compactMap {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }.filter { $0["kind"] as? String == "link" }
    #expect(!links.isEmpty)
    for link in links {
      let quote = try #require(link["quote"] as? String)
      #expect(slice(link["start"] as! Int, link["end"] as! Int) == quote)
      let cause = (link["cause_start"] as! Int, link["cause_end"] as! Int)
      let effect = (link["effect_start"] as! Int, link["effect_end"] as! Int)
      #expect(slice(cause.0, cause.1) == link["cause_quote"] as? String)
      #expect(slice(effect.0, effect.1) == link["effect_quote"] as? String)
      #expect(quote.contains(link["cause_quote"] as! String) && quote.contains(link["effect_quote"] as! String))
    }
    #expect(links[0]["cause_quote"] as? String == "the peer group")
  }

  @Test("plugins run takes the named speaker who asks the questions as the interviewer, as import does")
  func runNamedQuestioner() throws {
    let (folder, _) = try pluginFolder()
    let text =
      "Ruth: What helped?\nAnn: The group helped me a lot, week after week.\nRuth: Why?\n"
      + "Ann: They listened, and nobody had listened before.\nRuth: And now?\nAnn: Now I run it myself."
    let scores = try Hark.run(["plugins", "run", "sentiment"], in: folder, input: text)
    #expect(scores.status == 0, "\(scores.stderr)")
    let turns = try scores.stdout.split(separator: "\n").compactMap { line -> String? in
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      return object["name"] as? String == "turn valence" ? object["quote"] as? String : nil
    }
    #expect(
      turns == [
        "The group helped me a lot, week after week.", "They listened, and nobody had listened before.",
        "Now I run it myself.",
      ])
  }

  @Test("plugins run reads a text that opens with speaker labels as turns: labels stay out, offsets stay in the text")
  func runSpeakerLabels() throws {
    let (folder, env) = try pluginFolder()
    // "Ann:" opens the first turn; the interviewer's turn is context.
    let text =
      "Interviewer: What helped?\nAnn: Zoë's group helped.\nIt was warm.\nInterviewer: And then?\nBen: Less so."
    let result = try Hark.run(["plugins", "run", "misbehaving"], in: folder, environment: env, input: text)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.split(separator: "\n").last
        == #"{"document":"stdin","kind":"code","code":"test","start":31,"end":63,"quote":"Zoë's group helped.\nIt was warm.","confidence":1,"explanation":"first participant turn"}"#
    )
    // Sentiment scores each participant turn and its sentences, never a label or the interviewer.
    let scores = try Hark.run(["plugins", "run", "sentiment"], in: folder, input: text)
    #expect(scores.status == 0, "\(scores.stderr)")
    let spans = try scores.stdout.split(separator: "\n").map { line -> String in
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      return "\(object["name"]!) \(object["start"]!)..<\(object["end"]!) \(object["quote"]!)"
    }
    #expect(
      spans == [
        "valence 31..<50 Zoë's group helped.", "valence 51..<63 It was warm.",
        "turn valence 31..<63 Zoë's group helped.\nIt was warm.", "valence 92..<100 Less so.",
        "turn valence 92..<100 Less so.",
      ])
    // A text whose first line is not a label is one turn, as before.
    let plain = try Hark.run(
      ["plugins", "run", "misbehaving"], in: folder, environment: env, input: "Hello there.\nAnn: hi")
    #expect(
      plain.stdout.split(separator: "\n").last?.contains(#""start":0,"end":20,"quote":"Hello there.\nAnn: hi""#) == true
    )
  }

  @Test("plugins run gives the same lines in input order however many documents run on how many cores")
  func runManyDocumentsInOrder() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    let texts = (0..<1500).map { n in
      n % 3 == 0 ? "Item \(n) was great, I love it!" : n % 3 == 1 ? "Item \(n): awful. Never again." : "Ok \(n)."
    }
    let input = texts.enumerated().map { #"{"id": "d\#($0)", "text": "\#($1)"}"# }.joined(separator: "\n")
    let all = try Hark.run(["plugins", "run", "sentiment"], in: folder, input: input)
    #expect(all.status == 0, "\(all.stderr)")
    // Each document alone gives the same lines as it does among 1,500 others.
    var alone: [Substring] = []
    for n in [0, 1, 2, 700, 1499] {
      let one = try Hark.run(
        ["plugins", "run", "sentiment"], in: folder, input: #"{"id": "d\#(n)", "text": "\#(texts[n])"}"#)
      alone.append(contentsOf: one.stdout.split(separator: "\n"))
    }
    let lines = all.stdout.split(separator: "\n")
    let picked = lines.filter { line in
      ["d0", "d1", "d2", "d700", "d1499"].contains { line.hasPrefix(#"{"document":"\#($0)","#) }
    }
    #expect(picked == alone)
    // Documents come out in input order.
    let order = lines.map { $0.split(separator: "\"")[3] }.reduce(into: [Substring]()) {
      if $0.last != $1 { $0.append($1) }
    }
    #expect(order == (0..<1500).map { "d\($0)"[...] })
  }

  @Test("--per-document gives a corpus plugin each document alone: the same as running it on that document by itself")
  func runPerDocument() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    let a = "Amina: The peer group helped me. The peer group was warm and the peer group listened."
    let b = "Grace: The waiting list was long. The waiting list made it worse, the waiting list again."
    func lines(_ input: String, _ extra: [String] = []) throws -> [Substring] {
      let run = try Hark.run(["plugins", "run", "themes"] + extra, in: folder, input: input)
      #expect(run.status == 0, "\(run.stderr)")
      return run.stdout.split(separator: "\n")
    }
    func json(_ id: String, _ text: String) -> String { #"{"id": "\#(id)", "text": "\#(text)"}"# + "\n" }
    let together = try lines(json("a", a) + json("b", b), ["--per-document"])
    let aAlone = try lines(json("a", a))
    let bAlone = try lines(json("b", b))
    #expect(!aAlone.isEmpty && !bAlone.isEmpty)
    #expect(together == aAlone + bAlone)
  }

  @Test("plugins run reports a crashing plugin as a failure line and exits 2")
  func runCrash() throws {
    let (folder, env) = try pluginFolder()
    let result = try Hark.run(
      ["plugins", "run", "misbehaving", "--options", #"{"mode": "abort"}"#], in: folder, environment: env,
      input: "Hello")
    #expect(result.status == 2)
    #expect(
      result.stdout.hasPrefix(
        #"{"document":"stdin","kind":"failure","reason":"crashed: killed by signal 6 (SIGABRT, abort)"#))
  }

  @Test("plugins check passes a well-behaved plugin on every awkward document")
  func checkPasses() throws {
    let (folder, _) = try pluginFolder()
    let path = Hark.binaries.appendingPathComponent("libHarkTestPluginMisbehaving.so").path
    let result = try Hark.run(["plugins", "check", path], in: folder)
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n").map { String($0.prefix(34)) }
    let checks = [
      "load and descriptor", "provides", "options schema", "empty document", "one word", "accents and emoji",
      "1 MB of talk",
      "CRLF line ends", "only interviewer turns", "finish (corpus pass)",
    ]
    #expect(
      lines == checks.map { "PASS  " + $0.padding(toLength: 28, withPad: " ", startingAt: 0) } + [
        "org.hark.test.misbehaving passes e"
      ])
  }

  @Test("plugins check names the awkward document a plugin crashes on and exits 1")
  func checkFails() throws {
    let (folder, _) = try pluginFolder()
    let path = Hark.binaries.appendingPathComponent("libHarkTestPluginMisbehaving.so").path
    let result = try Hark.run(["plugins", "check", path, "--options", #"{"mode": "segv", "on": "Zoë"}"#], in: folder)
    #expect(result.status == 1)
    #expect(
      result.stdout.contains(
        "FAIL  accents and emoji            crashed: killed by signal 11 (SIGSEGV, segmentation fault)"))
    #expect(result.stdout.contains("PASS  1 MB of talk"))
    #expect(result.stdout.hasSuffix("1 check(s) failed.\n"))
  }
}

@Suite("Plugins that crash as they load")
struct CrashOnLoadTests {
  func crashingPlugin() throws -> (URL, URL) {
    let folder = try makeTemporaryFolder("hark-cli")
    let plugins = folder.appendingPathComponent("plugins")
    try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "cc", "-shared", "-fPIC", "-DCRASH_ON_LOAD", "-I",
      Hark.repository.appendingPathComponent("SDK/Sources/HarkPluginABI/include").path,
      Hark.repository.appendingPathComponent("Tests/Fixtures/CPlugins/garbage.c").path, "-o",
      plugins.appendingPathComponent("crashes.so").path, "-lm",
    ]
    try process.run()
    process.waitUntilExit()
    return (folder, plugins)
  }

  @Test("listing plugins survives a library whose entry crashes, and names it")
  func listing() throws {
    let (folder, plugins) = try crashingPlugin()
    let result = try Hark.run(["plugins", "--json"], in: folder, environment: ["HARK_PLUGIN_PATH": plugins.path])
    #expect(result.status == 0)
    #expect(result.stdout.contains("org.hark.values"))
    let path = plugins.appendingPathComponent("crashes.so").path
    #expect(
      result.stderr
        == "warning: \(path): crashes as it loads (signal 11, SIGSEGV, segmentation fault). Its initialisers or its hark_plugin_entry crash; fix them, then run `hark plugins check \(path)`\n"
    )
  }

  @Test("the conformance check reports a crash on load as a failed check")
  func check() throws {
    let (folder, plugins) = try crashingPlugin()
    let path = plugins.appendingPathComponent("crashes.so").path
    let result = try Hark.run(["plugins", "check", path], in: folder)
    #expect(result.status == 1)
    #expect(result.stdout.hasPrefix("FAIL  load and descriptor          \(path): crashes as it loads (signal 11"))
  }
}
