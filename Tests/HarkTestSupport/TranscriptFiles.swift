// Helpers the transcript reader tests and the store's import tests share.
import Foundation
import HarkTranscripts

/// Reads `text` as the file `name` would be read, the format chosen by its extension.
public func readTranscript(_ text: String, name: String) throws -> ImportedTranscript {
  try readTranscript(Data(text.utf8), name: name)
}

public func readTranscript(_ bytes: Data, name: String) throws -> ImportedTranscript {
  try TranscriptReader.read(
    data: bytes, name: name, format: TranscriptReader.format(ofFileNamed: name))
}

/// The words each turn covers, cut from the stored text by scalar offsets.
public func spokenWords(_ transcript: ImportedTranscript) -> [String] {
  let scalars = Array(transcript.text.unicodeScalars)
  return transcript.turns.map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }
}

/// The description of the HarkError `body` throws, or nil when it throws none.
public func harkErrorDescription(_ body: () throws -> Void) -> String? {
  do {
    try body()
    return nil
  } catch let error as HarkError {
    return error.description
  } catch {
    return "not a HarkError: \(error)"
  }
}
