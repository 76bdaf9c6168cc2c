// Options reach plugins as JSON; typed accessors tell numbers from booleans
// and name the key that is wrong.
import HarkPluginKit
import Testing

@Suite("Plugin options")
struct PluginOptionsTests {
  @Test("0 and 1 are numbers and true and false are booleans")
  func numbersAndBooleans() throws {
    let options = try PluginOptions(json: #"{"min": 0, "max": 1, "on": true, "off": false, "ratio": 2.5}"#)
    #expect(try options.int("min") == 0)
    #expect(try options.int("max") == 1)
    #expect(try options.double("ratio") == 2.5)
    #expect(try options.bool("on") == true)
    #expect(try options.bool("off") == false)
    #expect(throws: PluginError.self) { try options.bool("max") }
    #expect(throws: PluginError.self) { try options.double("on") }
  }

  @Test("wrong types and bad JSON are errors that name the key or show the text")
  func errors() throws {
    let options = try PluginOptions(json: #"{"words": "hope", "limit": 2.5}"#)
    #expect(catchingDescription { _ = try options.strings("words") } == "option \"words\" must be an array of strings")
    #expect(catchingDescription { _ = try options.int("limit") } == "option \"limit\" must be a whole number")
    #expect(
      catchingDescription { _ = try PluginOptions(json: "[1, 2]") } == "options must be a JSON object, got: [1, 2]")
    #expect(catchingDescription { _ = try PluginOptions(json: "{nope") } == "options are not valid JSON: {nope")
  }
}

func catchingDescription(_ body: () throws -> Void) -> String? {
  do {
    try body()
    return nil
  } catch { return "\(error)" }
}
