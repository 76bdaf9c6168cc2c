// The host checks options against a plugin's options_schema before the
// plugin sees them, with an error naming the plugin, the option and what is
// allowed. The built-in plugins' own schemas (read from the built libraries)
// are the cases that matter most.
import Foundation
import HarkHost
import HarkStore
import Testing

@Suite("Options checked against the options schema")
struct OptionsSchemaTests {
  static func schema(of plugin: String) throws -> String {
    try PluginLibrary.load(TestPaths.builtIn(plugin)).descriptor.optionsSchema
  }

  /// The error for `options` against `schema`, or "fits".
  static func check(_ options: String, _ schema: String, plugin: String = "org.example.x") -> String {
    do {
      try OptionsSchema.check(options, schema: schema, plugin: plugin)
      return "fits"
    } catch { return "\(error)" }
  }

  static let themesCases: [(String, String)] = [
    (#"{"minDocuments": 3, "maxConcepts": 50}"#, "fits"),
    (#"{"minDocuments": 0}"#, #"option "minDocuments" of org.hark.themes is 0, but it must be at least 1"#),
    (#"{"minDocuments": 2.5}"#, #"option "minDocuments" of org.hark.themes is 2.5, but it must be a whole number"#),
    (#"{"minDocuments": "3"}"#, #"option "minDocuments" of org.hark.themes is "3", but it must be a whole number"#),
    (#"{"minDocuments": true}"#, #"option "minDocuments" of org.hark.themes is true, but it must be a whole number"#),
    (#"{"maxPhrases": 999}"#, #"option "maxPhrases" of org.hark.themes is 999, but it must be at least 1000"#),
    (
      #"{"minDocs": 2}"#,
      #"org.hark.themes has no option "minDocs"; its options are "generic", "maxConcepts", "maxPhrases", "minDocuments", "minMentions", "stopwords", "synonyms""#
    ),
    (#"{"stopwords": 7}"#, #"option "stopwords" of org.hark.themes is 7, but it must be a string"#),
  ]

  @Test("the Themes plugin's schema: whole numbers, minimums, strings and no unknown options", arguments: themesCases)
  func themes(options: String, expected: String) throws {
    #expect(Self.check(options, try Self.schema(of: "Themes"), plugin: "org.hark.themes") == expected)
  }

  @Test("a boolean option takes only true or false")
  func boolean() throws {
    let schema = #"{"type": "object", "properties": {"strict": {"type": "boolean"}}}"#
    #expect(Self.check(#"{"strict": true}"#, schema) == "fits")
    #expect(
      Self.check(#"{"strict": "yes"}"#, schema)
        == #"option "strict" of org.example.x is "yes", but it must be true or false"#)
    #expect(
      Self.check(#"{"strict": 1}"#, schema) == #"option "strict" of org.example.x is 1, but it must be true or false"#)
  }

  @Test("the Causal links plugin refuses its retired options and takes a cue file and an encoder folder")
  func causalLinksOptions() throws {
    let schema = try Self.schema(of: "CausalLinks")
    #expect(
      Self.check(
        #"{"cues": "my-cues.tsv", "encoder": "models/causal-encoder"}"#, schema, plugin: "org.hark.causal-links")
        == "fits")
    #expect(
      Self.check(#"{"signals": true}"#, schema, plugin: "org.hark.causal-links")
        == #"org.hark.causal-links has no option "signals"; its options are "cues", "encoder""#)
  }

  @Test("the template's list option: at least one item, each a non-empty string, reported by position")
  func listItems() {
    let schema =
      #"{"type":"object","additionalProperties":false,"properties":{"words":{"type":"array","items":{"type":"string","minLength":1},"minItems":1}}}"#
    #expect(Self.check(#"{"words": ["hope", "next step"]}"#, schema) == "fits")
    #expect(
      Self.check(#"{"words": []}"#, schema)
        == #"option "words" of org.example.x is [], but it must list at least 1 item"#)
    #expect(
      Self.check(#"{"words": ["hope", ""]}"#, schema)
        == #"option "words[1]" of org.example.x is "", but it must have at least 1 character"#)
    #expect(
      Self.check(#"{"words": "hope"}"#, schema)
        == #"option "words" of org.example.x is "hope", but it must be a list (JSON array)"#)
  }

  @Test("required options, enums, maximums, numbers and nested objects")
  func otherKeywords() {
    let schema = #"""
      {"type":"object","required":["mode"],"properties":{
        "mode":{"type":"string","enum":["fast","slow"]},
        "share":{"type":"number","minimum":0,"maximum":1},
        "limits":{"type":"object","additionalProperties":{"type":"integer"}}}}
      """#
    #expect(Self.check(#"{"mode": "fast", "share": 1, "limits": {"a": 2}}"#, schema) == "fits")
    #expect(Self.check(#"{}"#, schema) == #"org.example.x needs the option "mode"; add it to the options"#)
    #expect(
      Self.check(#"{"mode": "medium"}"#, schema)
        == #"option "mode" of org.example.x is "medium", but it must be one of "fast", "slow""#)
    #expect(
      Self.check(#"{"mode": "slow", "share": 1.5}"#, schema)
        == #"option "share" of org.example.x is 1.5, but it must be at most 1"#)
    #expect(
      Self.check(#"{"mode": "slow", "limits": {"a": 0.5}}"#, schema)
        == #"option "limits.a" of org.example.x is 0.5, but it must be a whole number"#)
    #expect(Self.check(#"{"mode": "slow", "other": [1]}"#, schema) == "fits")
  }

  @Test("options that are not a JSON object, and a schema that is not one, are reported as such")
  func notObjects() {
    #expect(
      Self.check("[1]", #"{"type":"object"}"#) == "the options for org.example.x must be a JSON object, not array [1]")
    #expect(
      Self.check("{", #"{"type":"object"}"#)
        == #"the options for org.example.x are not valid JSON: {. Give a JSON object such as {"name": "value"}"#)
    #expect(
      Self.check("{}", "{")
        == "org.example.x has an options_schema that is not valid JSON, so its options cannot be checked. Its author must fix the schema"
    )
    #expect(Self.check(#"{"anything": 1}"#, "") == "fits")
  }

  @Test("a plugin is never opened with options its schema refuses, in process or in a worker")
  func refusedBeforeOpen() throws {
    let library = try PluginLibrary.load(TestPaths.builtIn("Themes"))
    #expect(
      "\(catching { _ = try PluginInstance(library: library, optionsJSON: #"{"minDocuments": 0}"#) }!)"
        == #"option "minDocuments" of org.hark.themes is 0, but it must be at least 1"#)
    let trial = PluginTrial(descriptor: library.descriptor, options: #"{"minMentions": -1}"#)
    let result = trial.analyze(.adHoc(id: "d", text: "We talked about the peer support group."))
    #expect(
      result.failure?.reason
        == #"could not open the plugin: option "minMentions" of org.hark.themes is -1, but it must be at least 1"#)
  }
}

extension Result {
  var failure: Failure? {
    if case .failure(let f) = self { return f }
    return nil
  }
}
