// The header as C and C++ authors meet it: compiled with the system's
// compilers, the resulting libraries opened with dlopen.
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

enum Compiler {
  static let sdk = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let include = sdk.appendingPathComponent("Sources/HarkPluginABI/include").path

  static func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("hark-sdk-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Runs a compiler; its exit status and what it wrote to stderr.
  static func run(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let err = Pipe()
    process.standardError = err
    try process.run()
    let data = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// Compiles `source` (a file, or text written to one) into a shared library.
  static func library(
    _ compiler: String, source: String, text: String? = nil, flags: [String] = [], in folder: URL
  ) throws -> (path: String, status: Int32, stderr: String) {
    var file = source
    if let text {
      file = folder.appendingPathComponent(source).path
      try Data(text.utf8).write(to: URL(fileURLWithPath: file))
    }
    let output = folder.appendingPathComponent("lib\(UUID().uuidString).so").path
    let result = try run(
      [compiler, "-shared", "-fPIC", "-fvisibility=hidden", "-Wall", "-Wextra", "-Werror", "-I", include] + flags + [
        file, "-o", output,
      ])
    return (output, result.status, result.stderr)
  }

  /// The names a library exports (dynamic symbols defined in it, functions only).
  static func exportedFunctions(_ path: String) throws -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["nm", "-D", "--defined-only", path]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
      let parts = line.split(separator: " ")
      return parts.count == 3 && parts[1] == "T" ? String(parts[2]) : nil
    }
  }
}

@Suite("The C header, compiled")
struct HeaderTests {
  @Test("the C example builds warning-free against the header alone and exports only hark_plugin_entry")
  func cExample() throws {
    let built = try Compiler.library(
      "cc", source: Compiler.sdk.appendingPathComponent("ExampleC/example.c").path, flags: ["-std=c11"],
      in: try Compiler.folder())
    #expect(built.stderr == "")
    #expect(built.status == 0)
    #expect(try Compiler.exportedFunctions(built.path) == ["hark_plugin_entry"])
    let handle = dlopen(built.path, RTLD_NOW | RTLD_LOCAL)
    #expect(handle != nil)
    #expect(dlsym(handle, "hark_plugin_entry") != nil)
  }

  static let cxxPlugin = """
    #include "hark_plugin.h"
    static hark_plugin_descriptor descriptor;
    ENTRY { return &descriptor; }
    """

  @Test("in C++, an entry defined without extern \"C\" still exports the plain name (the header declares it)")
  func cxxForgetsExternC() throws {
    let built = try Compiler.library(
      "clang++", source: "plugin.cpp",
      text: Self.cxxPlugin.replacingOccurrences(
        of: "ENTRY", with: "const hark_plugin_descriptor *hark_plugin_entry(void)"),
      flags: ["-std=c++17"], in: try Compiler.folder())
    #expect(built.status == 0)
    #expect(try Compiler.exportedFunctions(built.path) == ["hark_plugin_entry"])
  }

  @Test("in C++, an entry with another signature is a compile error, not a second, mangled function")
  func cxxWrongSignature() throws {
    let built = try Compiler.library(
      "clang++", source: "plugin.cpp",
      text: Self.cxxPlugin.replacingOccurrences(of: "ENTRY", with: "hark_plugin_descriptor *hark_plugin_entry()"),
      flags: ["-std=c++17"], in: try Compiler.folder())
    #expect(built.status != 0)
    #expect(built.stderr.contains("error: functions that differ only in their return type cannot be overloaded"))
  }

  @Test("HARK_HAS_FIELD reads a struct's own struct_size; the constants and frozen sizes are what the ABI says")
  func macros() throws {
    let folder = try Compiler.folder()
    let program = folder.appendingPathComponent("macros.c")
    try Data(
      #"""
      #include <stdio.h>
      #include "hark_plugin.h"
      int main(void) {
          hark_document doc = {0};
          doc.struct_size = HARK_DOCUMENT_SIZE_1_0;
          printf("%d", HARK_HAS_FIELD(&doc, hark_document, project));
          doc.struct_size = (uint32_t)offsetof(hark_document, project);
          printf(" %d", HARK_HAS_FIELD(&doc, hark_document, project));
          printf(" %d", HARK_HAS_FIELD(&doc, hark_document, speaker_count));
          printf(" %s,%s,%s,%s", HARK_PROVIDES_CODES, HARK_PROVIDES_CONCEPTS, HARK_PROVIDES_LINKS, HARK_PROVIDES_SCORES);
          printf(" %s,%s,%s,%s", HARK_NEEDS_TURNS, HARK_NEEDS_CODEBOOK, HARK_NEEDS_CONCEPTS, HARK_NEEDS_CORPUS);
          printf(" %d %d %d %d %d %d\n", HARK_DOCUMENT_SIZE_1_0, HARK_TURN_SIZE_1_0, HARK_LINK_RESULT_SIZE_1_0,
                 HARK_SINK_SIZE_1_0, HARK_PLUGIN_DESCRIPTOR_SIZE_1_0, (int)sizeof(hark_plugin_descriptor));
          return 0;
      }
      """#.utf8
    ).write(to: program)
    let binary = folder.appendingPathComponent("macros").path
    let compiled = try Compiler.run([
      "cc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-I", Compiler.include, program.path, "-o", binary,
    ])
    #expect(compiled.stderr == "")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(
      String(decoding: data, as: UTF8.self)
        == "1 0 1 codes,concepts,links,scores turns,codebook,concepts,corpus 80 20 88 56 112 112\n")
  }
}
