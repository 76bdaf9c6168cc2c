import Foundation

/// Reads the participants list: a CSV file with a header naming at least `pseudonym` and
/// `role`, usually `group`, and any further attribute columns.
public enum ParticipantsCSV {
  public static func read(contentsOf url: URL) throws -> [ParticipantRecord] {
    let name = url.lastPathComponent
    let data = try ImportFile.data(at: url)
    return try parse(TranscriptText.decode(data, name: name), name: name)
  }

  /// Parses CSV text (RFC 4180: quoted fields may hold commas, line breaks and doubled quotes).
  /// Header names are matched case-insensitively; attribute columns keep their file order and
  /// the header's spelling; values are trimmed and empty attribute cells left out. Pseudonyms
  /// must differ in more than letter case, since speakers are matched to them that way.
  public static func parse(_ text: String, name: String) throws -> [ParticipantRecord] {
    let rows = try CSVRows.parse(TranscriptText.normalise(text), name: name)
    guard let header = rows.first else { return [] }
    let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
    var columnIndex: [String: Int] = [:]
    for (index, column) in columns.enumerated() {
      let key = column.lowercased()
      guard columnIndex[key] == nil else {
        throw HarkError(
          "the header names the column \"\(column)\" twice", subject: name, line: header.line,
          hint: "Give every column a different name")
      }
      columnIndex[key] = index
    }
    for required in ["pseudonym", "role"] where columnIndex[required] == nil {
      throw HarkError(
        "the header has no \"\(required)\" column", subject: name, line: header.line,
        hint: "The first line must name the columns, for example: pseudonym,role,group")
    }
    let pseudonymColumn = columnIndex["pseudonym"]!
    let roleColumn = columnIndex["role"]!
    let groupColumn = columnIndex["group"]
    let attributeColumns = columns.indices.filter {
      ![pseudonymColumn, roleColumn, groupColumn].contains($0)
    }

    var records: [ParticipantRecord] = []
    var firstLine: [String: Int] = [:]
    for row in rows.dropFirst() {
      guard row.fields.count == columns.count else {
        throw HarkError(
          "this row has \(row.fields.count) fields but the header has \(columns.count)",
          subject: name,
          line: row.line,
          hint:
            "Add or remove commas so every row has \(columns.count) fields; put a value that contains a comma in double quotes"
        )
      }
      let value = { (column: Int) in
        row.fields[column].trimmingCharacters(in: .whitespacesAndNewlines)
      }
      let pseudonym = value(pseudonymColumn)
      guard !pseudonym.isEmpty else {
        throw HarkError(
          "the pseudonym is empty", subject: name, line: row.line,
          hint: "Give every row a pseudonym")
      }
      if let earlier = firstLine[pseudonym.lowercased()] {
        throw HarkError(
          "the pseudonym \"\(pseudonym)\" is listed twice, on line \(earlier) and on line \(row.line)",
          subject: name, line: row.line,
          hint: "Give each participant one row and a pseudonym of their own")
      }
      firstLine[pseudonym.lowercased()] = row.line
      let roleText = value(roleColumn)
      guard let role = ParticipantRecord.Role(rawValue: roleText.lowercased()) else {
        let problem =
          roleText.isEmpty ? "the role is empty" : "the role \"\(roleText)\" is not allowed"
        throw HarkError(
          problem, subject: name, line: row.line, hint: "Write participant or interviewer")
      }
      let attributes = attributeColumns.compactMap { column -> (name: String, value: String)? in
        let cell = value(column)
        return cell.isEmpty ? nil : (name: columns[column], value: cell)
      }
      records.append(
        ParticipantRecord(
          pseudonym: pseudonym, role: role, group: groupColumn.map(value) ?? "",
          attributes: attributes))
    }
    return records
  }
}

/// RFC 4180 records with the physical line each one starts on; blank lines are skipped.
enum CSVRows {
  struct Row {
    var line: Int
    var fields: [String]
  }

  static func parse(_ text: String, name: String) throws -> [Row] {
    let bytes = Array(text.utf8)
    let quote = UInt8(ascii: "\"")
    let comma = UInt8(ascii: ",")
    let newline = UInt8(ascii: "\n")
    var rows: [Row] = []
    var fields: [String] = []
    var field: [UInt8] = []
    var line = 1
    var rowLine = 1
    var atFieldStart = true
    var index = 0
    func endRow() {
      fields.append(String(decoding: field, as: UTF8.self))
      if fields != [""] { rows.append(Row(line: rowLine, fields: fields)) }
      fields = []
      field = []
      atFieldStart = true
    }
    while index < bytes.count {
      let byte = bytes[index]
      if atFieldStart, byte == quote {
        let quoteLine = line
        index += 1
        while true {
          guard index < bytes.count else {
            throw HarkError(
              "a quoted value that starts on this line has no closing quote", subject: name,
              line: quoteLine,
              hint: "Add the missing \" at the end of the value")
          }
          let inner = bytes[index]
          if inner == quote {
            if index + 1 < bytes.count, bytes[index + 1] == quote {
              field.append(quote)
              index += 2
              continue
            }
            index += 1
            break
          }
          if inner == newline { line += 1 }
          field.append(inner)
          index += 1
        }
        guard index == bytes.count || bytes[index] == comma || bytes[index] == newline else {
          throw HarkError(
            "there is text after the closing quote of a value", subject: name, line: line,
            hint: "Inside a quoted value, write each \" as two quotes (\"\")")
        }
        atFieldStart = false
      } else if byte == comma {
        fields.append(String(decoding: field, as: UTF8.self))
        field = []
        atFieldStart = true
        index += 1
      } else if byte == newline {
        endRow()
        line += 1
        rowLine = line
        index += 1
      } else {
        field.append(byte)
        atFieldStart = false
        index += 1
      }
    }
    if !fields.isEmpty || !field.isEmpty { endRow() }
    return rows
  }
}
