// Reads the Causal News Corpus v2 files: CSV with a UTF-8 BOM and quoted
// fields, and the Python list literals of the grouped subtask-2 files.
import Foundation
import HarkStore
import HarkTranscripts

/// A CSV file as rows of fields, each row with the line it starts on.
struct CSVTable: Equatable {
  var file: String
  var columns: [String]
  var rows: [[String]]
  /// The 1-based line each row starts on (a quoted field may span lines).
  var lines: [Int]

  /// The position of a column, or an error naming the file and the columns it has.
  func column(_ name: String) throws -> Int {
    guard let index = columns.firstIndex(of: name) else {
      throw HarkError(
        "has no column \"\(name)\" (its columns are \(columns.joined(separator: ", ")))", subject: file, line: 1,
        hint: "Use the files of Causal News Corpus v2 as published (folder data/V2 of tanfiona/CausalNewsCorpus)")
    }
    return index
  }
}

enum CSVReader {
  /// Parses RFC 4180 CSV: fields separated by commas, quoted with `"` when
  /// they hold commas, quotes (doubled) or line breaks; CRLF or LF line ends;
  /// a leading BOM is skipped. Every row must have as many fields as the header.
  static func parse(_ text: String, file: String) throws -> CSVTable {
    var scalars = Array(text.unicodeScalars)
    if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
    var records: [[String]] = []
    var starts: [Int] = []
    var field = String.UnicodeScalarView()
    var record: [String] = []
    var line = 1
    var recordLine = 1
    var quoted = false
    var afterQuote = false
    var i = 0
    func endField() {
      record.append(String(field))
      field = String.UnicodeScalarView()
      afterQuote = false
    }
    func endRecord() {
      endField()
      if !(record.count == 1 && record[0].isEmpty) {
        records.append(record)
        starts.append(recordLine)
      }
      record = []
    }
    while i < scalars.count {
      let c = scalars[i]
      if quoted {
        if c == "\"" {
          if i + 1 < scalars.count, scalars[i + 1] == "\"" {
            field.append("\"")
            i += 2
            continue
          }
          quoted = false
          afterQuote = true
        } else {
          if c == "\n" { line += 1 }
          field.append(c)
        }
        i += 1
        continue
      }
      switch c {
      case ",":
        endField()
      case "\r" where i + 1 < scalars.count && scalars[i + 1] == "\n":
        break
      case "\n", "\r":
        endRecord()
        line += 1
        recordLine = line
      case "\"" where field.isEmpty && !afterQuote:
        quoted = true
      default:
        if afterQuote {
          throw HarkError(
            "a quoted field is followed by \"\(c)\" instead of a comma or the end of the line", subject: file,
            line: line, hint: "Inside a quoted field a quote is written twice (\"\")")
        }
        field.append(c)
      }
      i += 1
    }
    if quoted {
      throw HarkError(
        "a quoted field opened here is never closed", subject: file, line: recordLine,
        hint: "Check for a missing closing quote (\")")
    }
    if !field.isEmpty || !record.isEmpty { endRecord() }
    guard let header = records.first else {
      throw HarkError("is empty", subject: file, hint: "Expected a header line and one row per sentence")
    }
    for (k, row) in records.enumerated().dropFirst() where row.count != header.count {
      throw HarkError(
        "has \(row.count) fields where the header has \(header.count) (\(header.joined(separator: ", ")))",
        subject: file, line: starts[k], hint: "Check the quoting of this row: a comma inside a field needs quotes")
    }
    return CSVTable(file: file, columns: header, rows: Array(records.dropFirst()), lines: Array(starts.dropFirst()))
  }

  static func read(_ path: String) throws -> CSVTable {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw HarkError(
        "cannot be read as UTF-8 text", subject: path,
        hint: "Point hark-dev eval at the folder with the Causal News Corpus v2 CSV files")
    }
    return try parse(text, file: path)
  }
}

/// Python's `repr` of a list of strings, as the grouped subtask-2 files store
/// their relations: `['<ARG0>…', "it's <ARG1>…"]`.
enum PythonStringList {
  static func parse(_ text: String, file: String, line: Int) throws -> [String] {
    let s = Array(text.unicodeScalars)
    func fail(_ problem: String) -> HarkError {
      HarkError(
        "the relation list \(problem)", subject: file, line: line,
        hint: "Expected a Python list of quoted strings such as ['<ARG0>a</ARG0> <ARG1>b</ARG1>']")
    }
    var i = 0
    func skipSpaces() { while i < s.count, s[i] == " " { i += 1 } }
    skipSpaces()
    guard i < s.count, s[i] == "[" else { throw fail("does not start with [") }
    i += 1
    var items: [String] = []
    skipSpaces()
    if i < s.count, s[i] == "]" { return [] }
    while true {
      skipSpaces()
      guard i < s.count, s[i] == "'" || s[i] == "\"" else { throw fail("has an item that is not a quoted string") }
      let quote = s[i]
      i += 1
      var item = String.UnicodeScalarView()
      while true {
        guard i < s.count else { throw fail("has a string that is never closed") }
        let c = s[i]
        if c == quote {
          i += 1
          break
        }
        if c == "\\", i + 1 < s.count {
          let next = s[i + 1]
          switch next {
          case "n": item.append("\n")
          case "t": item.append("\t")
          default: item.append(next)
          }
          i += 2
          continue
        }
        item.append(c)
        i += 1
      }
      items.append(String(item))
      skipSpaces()
      guard i < s.count else { throw fail("is not closed with ]") }
      if s[i] == "]" { break }
      guard s[i] == "," else { throw fail("has \"\(s[i])\" where a comma or ] should be") }
      i += 1
    }
    return items
  }
}

/// One split of the corpus as the evaluator uses it.
struct CausalNewsSplit {
  /// Subtask 1: each sentence and whether it is causal.
  var sentences: [(text: String, causal: Bool)]
  /// Subtask 2: each sentence of the grouped file with its annotated relations
  /// (marked text), empty for a sentence that is not causal.
  var relations: [(text: String, marked: [String])]

  /// Reads `<split>_subtask1.csv` and `<split>_subtask2_grouped.csv` from `folder`.
  static func read(folder: String, split: String) throws -> CausalNewsSplit {
    let first = try CSVReader.read((folder as NSString).appendingPathComponent("\(split)_subtask1.csv"))
    let (text, label) = (try first.column("text"), try first.column("label"))
    var sentences: [(String, Bool)] = []
    for (k, row) in first.rows.enumerated() {
      guard let value = Int(row[label]), value == 0 || value == 1 else {
        throw HarkError(
          "label \"\(row[label])\" is not 0 or 1", subject: first.file, line: first.lines[k],
          hint: "Subtask 1 labels are 1 (causal) or 0 (not causal)")
      }
      sentences.append((row[text], value == 1))
    }
    let grouped = try CSVReader.read((folder as NSString).appendingPathComponent("\(split)_subtask2_grouped.csv"))
    let (groupedText, pairs, count) = (
      try grouped.column("text"), try grouped.column("causal_text_w_pairs"), try grouped.column("num_rs")
    )
    var relations: [(String, [String])] = []
    for (k, row) in grouped.rows.enumerated() {
      let marked = try PythonStringList.parse(row[pairs], file: grouped.file, line: grouped.lines[k])
      guard Int(row[count]) == marked.count else {
        throw HarkError(
          "num_rs is \(row[count]) but the row lists \(marked.count) relations", subject: grouped.file,
          line: grouped.lines[k], hint: "The file may be damaged; fetch it again")
      }
      relations.append((row[groupedText], marked))
    }
    return CausalNewsSplit(sentences: sentences, relations: relations)
  }
}
