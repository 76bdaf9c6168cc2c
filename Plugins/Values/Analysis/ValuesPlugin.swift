// Dictionary coding of participant sentences with the value codebook.
import Foundation
import HarkPluginKit

/// Codes each participant sentence with the values (and hurts) of a
/// codebook: "being heard", "feeling ignored", "waiting" …
public final class ValuesPlugin: AnalysisPlugin {
  public static let info = PluginInfo(
    id: "org.hark.values", name: "Values", version: "1.3.0", vendor: "Hark project",
    description:
      "Codes participant sentences with what people value and what gets in the way, from a value codebook "
      + "of words and phrases; a negated term (\"nobody listened\") is coded as the code's opposite, a hedge "
      + "(\"maybe\") lowers the confidence, and a short yes (\"It did.\") takes the codes of the question; "
      + "exclusions tell a term's other senses apart, and a capitalised word mid-sentence is read as a name.",
    provides: ["codes"], needs: ["turns", "codebook"],
    optionsSchema: #"""
      {"type":"object","additionalProperties":false,"properties":{"codebook":{"type":"string","description":"Path of a .codebook file (format: corpora/codebooks/README.md). Without it the built-in default codebook is used."}}}
      """#)

  /// The built-in codebook, the same text as corpora/codebooks/values.codebook.
  public static let defaultCodebook = DefaultCodebook.text

  public let codebook: ValueCodebook
  private var coder: SentenceCoder

  public init(options: PluginOptions) throws {
    for key in options.values.keys where key != "codebook" {
      throw PluginError(
        "unknown option \"\(key)\" for the Values plugin. The only option is \"codebook\" (a file path)."
      )
    }
    if let path = try options.string("codebook") {
      let text: String
      do {
        text = try String(contentsOfFile: path, encoding: .utf8)
      } catch {
        throw PluginError(
          "cannot read the codebook file \"\(path)\". Check the path (and that it is UTF-8 text), "
            + "or leave out the \"codebook\" option to use the built-in default codebook.")
      }
      codebook = try ValueCodebook.parse(text, file: path)
    } else {
      codebook = try ValueCodebook.parse(
        DefaultCodebook.text, file: "the built-in default codebook")
    }
    coder = SentenceCoder(codebook: codebook)
  }

  public func analyze(_ document: Document, into sink: any ResultSink) throws {
    // Use the project's spelling of a code name when it has the same code.
    var projectNames: [String: String] = [:]
    for code in document.codebook { projectNames[code.name.lowercased()] = code.name }
    coder.code(document) { sentence, match in
      sink.emit(
        CodeResult(
          code: projectNames[match.code.lowercased()] ?? match.code, span: sentence,
          confidence: match.confidence, explanation: match.explanation))
    }
  }
}
