// Mental Modeler's matrix CSV: the first row names the concepts, each later
// row gives one cause's weights on every effect (blank = no link).

import Foundation
import HarkStore
import HarkTranscripts

/// Reads and writes the adjacency-matrix CSV that Mental Modeler exports
/// ("Matrix" → CSV) and that FCM tools such as FCMpy read.
public enum MentalModelerCSV {
  /// Parses a matrix CSV. `file` names the file in error messages.
  ///
  /// Tolerates a byte-order mark, CRLF line ends, quoted names, blank lines
  /// and trailing empty columns; rows may come in any order as long as each
  /// names a column concept. A weight of 0 means no link, like a blank cell.
  public static func read(_ text: String, file: String) throws -> CognitiveMap {
    var body = Substring(text)
    if body.first == "\u{FEFF}" { body = body.dropFirst() }
    let records = try CSVRecords.parse(body, file: file).filter { !$0.isBlank }
    guard let header = records.first else {
      throw HarkError(
        "the file has no matrix", subject: file,
        hint: "A Mental Modeler matrix starts with a row of concept names: an empty cell, then one name per column")
    }
    // `hark import` reads a positional .csv as a matrix; a participants list given that way is a likely slip.
    if trimmed(header.cells.first ?? "").lowercased() == "pseudonym" {
      throw HarkError(
        "looks like a participants list (its first column is \"pseudonym\"), not a Mental Modeler matrix",
        subject: file, line: header.line, hint: "Import a participants list with --participants \(file)")
    }
    let names = Array(header.cells.dropFirst()).trimmingTrailingEmpty().map(trimmed)
    guard !names.isEmpty else {
      throw HarkError(
        "the first row names no concepts", subject: file, line: header.line,
        hint: "Put the concept names in the first row, after one empty cell")
    }
    var column: [String: Int] = [:]
    for (index, name) in names.enumerated() {
      guard !name.isEmpty else {
        throw HarkError(
          "column \(index + 2) of the first row has no concept name", subject: file, line: header.line,
          hint: "Give every column a concept name")
      }
      if column[name] != nil {
        throw HarkError(
          "the concept \"\(name)\" names two columns", subject: file, line: header.line,
          hint: "Each concept appears once; merge or rename the duplicates")
      }
      column[name] = index
    }

    var rowsSeen: [Int: Int] = [:]  // column index → line of its row
    var weights: [(cause: Int, cells: [String], line: Int)] = []
    for record in records.dropFirst() {
      let name = trimmed(record.cells.first ?? "")
      guard let cause = column[name] else {
        throw HarkError(
          name.isEmpty
            ? "the row has no concept name in its first cell"
            : "the row \"\(name)\" is not one of the \(names.count) concepts named in the first row",
          subject: file, line: record.line,
          hint: "The matrix must be square: one row for each concept named in the first row, in its first cell")
      }
      if let earlier = rowsSeen[cause] {
        throw HarkError(
          "the concept \"\(name)\" has a second row (the first is on line \(earlier))", subject: file,
          line: record.line, hint: "Each concept has one row; merge or remove the duplicate")
      }
      rowsSeen[cause] = record.line
      let cells = Array(record.cells.dropFirst())
      // Spreadsheets often leave empty cells after the last column.
      let kept =
        cells.count > names.count
        ? Array(cells.prefix(names.count)) + Array(cells.dropFirst(names.count)).trimmingTrailingEmpty() : cells
      guard kept.count == names.count else {
        throw HarkError(
          "the row \"\(name)\" has \(cells.count) weight cells but the first row names \(names.count) concepts",
          subject: file, line: record.line,
          hint: "Give every row one cell per concept (leave a cell empty for no link)")
      }
      weights.append((cause, kept, record.line))
    }
    if rowsSeen.count != names.count {
      let missing = names.indices.filter { rowsSeen[$0] == nil }.map { "\"\(names[$0])\"" }
      throw HarkError(
        "the matrix is not square: no row for \(missing.joined(separator: ", "))", subject: file,
        hint: "Add one row for each concept named in the first row")
    }

    var links: [CognitiveMap.Link] = []
    for (cause, cells, line) in weights.sorted(by: { $0.cause < $1.cause }) {
      for (effect, cell) in cells.enumerated() {
        let value = trimmed(cell)
        if value.isEmpty { continue }
        guard let weight = Double(value), weight.isFinite else {
          throw HarkError(
            "the weight \"\(value)\" from \"\(names[cause])\" to \"\(names[effect])\" is not a number",
            subject: file, line: line, hint: "Write weights as decimal numbers between -1 and 1, like -0.5")
        }
        guard (-1...1).contains(weight) else {
          throw HarkError(
            "the weight \(value) from \"\(names[cause])\" to \"\(names[effect])\" is outside -1 … 1",
            subject: file, line: line, hint: "Scale the weights so that each lies between -1 and 1")
        }
        if weight == 0 { continue }
        links.append(CognitiveMap.Link(cause: cause, effect: effect, weight: weight))
      }
    }
    return CognitiveMap(concepts: names.map { CognitiveMap.Concept(name: $0) }, links: links)
  }

  /// Writes the map as the matrix CSV Mental Modeler itself writes: a UTF-8
  /// byte-order mark, every cell quoted (`""` for no link), CRLF line ends.
  /// A matrix holds one weight per cause → effect pair, so links sharing a
  /// pair are summed and the sum kept within −1 … 1.
  public static func write(_ map: CognitiveMap) -> String {
    let count = map.concepts.count
    var matrix = [[Double?]](repeating: [Double?](repeating: nil, count: count), count: count)
    for link in map.links {
      let sum = (matrix[link.cause][link.effect] ?? 0) + link.weight
      matrix[link.cause][link.effect] = min(1, max(-1, sum))
    }
    var lines = [([""] + map.concepts.map(\.name)).map(quoted).joined(separator: ",")]
    for (row, concept) in map.concepts.enumerated() {
      let cells = matrix[row].map { $0.map(MapNumber.text) ?? "" }
      lines.append(([concept.name] + cells).map(quoted).joined(separator: ","))
    }
    return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
  }

  private static func trimmed(_ text: String) -> String {
    text.trimmingCharacters(in: .whitespaces)
  }

  private static func quoted(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

/// Numbers in map files: shortest decimal form, never exponent notation, so
/// spreadsheets and other tools read them back exactly.
public enum MapNumber {
  /// With a sign always: "+0.6", "-0.36", "0".
  public static func signed(_ value: Double) -> String {
    value > 0 ? "+" + text(value) : text(value)
  }

  /// The way people write the number: at most 12 decimals, so the noise of
  /// arithmetic ("0.8400000000000001", "0.30000000000000004") goes while
  /// every weight a person or a fuzzy centroid gives keeps all it means.
  public static func text(_ value: Double) -> String {
    let value = abs(value) < 1e3 ? (value * 1e12).rounded() / 1e12 : value
    if value == value.rounded(), abs(value) < 1e15 { return value == 0 ? "0" : String(Int64(value)) }
    let plain = "\(value)"
    guard plain.contains("e") else { return plain }
    var fixed = String(format: "%.17f", value)
    while fixed.hasSuffix("0") { fixed.removeLast() }
    return fixed
  }
}

/// One CSV record and the line it starts on.
struct CSVRecord {
  var cells: [String]
  var line: Int
  var isBlank: Bool { cells.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
}

/// RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.
enum CSVRecords {
  static func parse(_ text: Substring, file: String) throws -> [CSVRecord] {
    var records: [CSVRecord] = []
    var cells: [String] = []
    var cell = ""
    var line = 1
    var recordLine = 1
    var inQuotes = false
    var quoteLine = 1
    var wasQuoted = false
    var chars = text.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = nil
    func next() -> Unicode.Scalar? {
      if let scalar = pending {
        pending = nil
        return scalar
      }
      return chars.next()
    }
    while let scalar = next() {
      if inQuotes {
        if scalar == "\"" {
          if let after = next() {
            if after == "\"" {
              cell.unicodeScalars.append("\"")
            } else {
              inQuotes = false
              pending = after
            }
          } else {
            inQuotes = false
          }
        } else {
          if scalar == "\n" { line += 1 }
          cell.unicodeScalars.append(scalar)
        }
        continue
      }
      switch scalar {
      case "\"" where cell.trimmingCharacters(in: .whitespaces).isEmpty && !wasQuoted:
        cell = ""
        inQuotes = true
        wasQuoted = true
        quoteLine = line
      case ",":
        cells.append(cell)
        cell = ""
        wasQuoted = false
      case "\r", "\n":
        if scalar == "\r" {
          if let after = next(), after != "\n" { pending = after }
        }
        cells.append(cell)
        records.append(CSVRecord(cells: cells, line: recordLine))
        cells = []
        cell = ""
        wasQuoted = false
        line += 1
        recordLine = line
      default:
        cell.unicodeScalars.append(scalar)
      }
    }
    if inQuotes {
      throw HarkError(
        "a quoted cell opened here is never closed", subject: file, line: quoteLine,
        hint: "Close the quote with a second \" (write \"\" for a quote inside a name)")
    }
    if !cell.isEmpty || !cells.isEmpty || wasQuoted {
      cells.append(cell)
      records.append(CSVRecord(cells: cells, line: recordLine))
    }
    return records
  }
}

extension Array where Element == String {
  fileprivate func trimmingTrailingEmpty() -> [String] {
    var copy = self
    while let last = copy.last, last.trimmingCharacters(in: .whitespaces).isEmpty { copy.removeLast() }
    return copy
  }
}
