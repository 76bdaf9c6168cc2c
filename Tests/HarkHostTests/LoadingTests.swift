// Loading checks: each way a file can fail to be a plugin gets a precise
// error naming the file and the mismatch.
import Foundation
import HarkHost
import HarkStore
import HarkTestSupport
import HarkTranscripts
import Testing

@Suite("Loading plugin libraries")
struct LoadingTests {
  @Test("a file that is not a shared library is refused as such")
  func notALibrary() throws {
    let folder = try makeTemporaryFolder("hark-tests")
    let path = folder.appendingPathComponent("notes.so").path
    try Data("these are my notes, not a plugin\n".utf8).write(to: URL(fileURLWithPath: path))
    #expect(throws: HarkError.self) { _ = try PluginLibrary.load(path) }
    do { _ = try PluginLibrary.load(path) } catch let error as HarkError {
      #expect(error.subject == path)
      #expect(error.problem.hasPrefix("is not a shared library ("))
      #expect(error.hint == "A plugin is a .so built as a dynamic library; see docs/writing-plugins.md")
    }
  }

  @Test("a library without the entry symbol is named and told what to export")
  func missingEntry() throws {
    let path = try CPlugin.build("NO_ENTRY", in: try makeTemporaryFolder("hark-tests"))
    #expect(
      "\(String(describing: catching { _ = try PluginLibrary.load(path) }!))"
        == "\(path): has no `hark_plugin_entry` symbol, so it is not a Hark plugin. Define it with HARK_EXPORT from hark_plugin.h in C or C++, or with @_cdecl(\"hark_plugin_entry\") in Swift"
    )
  }

  @Test("a plugin built for another ABI major is refused with both versions")
  func wrongABI() throws {
    let path = try CPlugin.build("WRONG_ABI", in: try makeTemporaryFolder("hark-tests"))
    #expect(
      "\(catching { _ = try PluginLibrary.load(path) }!)"
        == "\(path): was built for plugin ABI 99.0, but this Hark speaks ABI 1.0. Rebuild the plugin against this Hark's hark_plugin.h"
    )
  }

  @Test("a descriptor shorter than ABI 1.0's is refused with both sizes")
  func shortStruct() throws {
    let path = try CPlugin.build("SHORT_STRUCT", in: try makeTemporaryFolder("hark-tests"))
    #expect(
      "\(catching { _ = try PluginLibrary.load(path) }!)"
        == "\(path): descriptor is 16 bytes, shorter than the 112 bytes of ABI 1.0. Set struct_size = sizeof(hark_plugin_descriptor) and rebuild against hark_plugin.h"
    )
  }

  @Test("a missing file is named")
  func missingFile() throws {
    #expect(
      "\(catching { _ = try PluginLibrary.load("/nonexistent/plugin.so") }!)"
        == "/nonexistent/plugin.so: no such plugin file. Check the path, or run `hark plugins` to list what is found")
  }

  @Test("the built-in plugins load and describe themselves")
  func builtIns() throws {
    let ids = try ["Themes", "Sentiment", "Values", "CausalLinks", "ExampleC"].map {
      try PluginLibrary.load(TestPaths.builtIn($0)).descriptor.id
    }
    #expect(
      ids == [
        "org.hark.themes", "org.hark.sentiment", "org.hark.values", "org.hark.causal-links",
        "org.hark.example.wordcount",
      ])
  }
}

func catching(_ body: () throws -> Void) -> (any Error)? {
  do {
    try body()
    return nil
  } catch { return error }
}
