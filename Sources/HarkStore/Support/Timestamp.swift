// Timestamps as the store keeps them: ISO 8601 in UTC with milliseconds,
// "2026-12-04T17:47:35.120Z". Every web request reads at least one (a
// session's expiry), and Foundation's ISO8601DateFormatter builds an ICU
// formatter each time it is made — a fifth of a panel page's cost — so the
// store's own shape is written and read by hand; any other ISO 8601 shape
// still goes through Foundation.
import Foundation

public enum Timestamp {
  /// `date` in the stored shape, milliseconds truncated as Foundation does.
  public static func string(_ date: Date) -> String {
    // A microsecond of slack: a whole millisecond is often held as
    // x.999999… after the Double arithmetic, and must not drop a digit.
    let millis = (date.timeIntervalSince1970 * 1000 + 0.001).rounded(.down)
    guard millis.isFinite, abs(millis) < 2.5e14 else { return foundationFormatter().string(from: date) }
    let total = Int64(millis)
    let days = floorDiv(total, 86_400_000)
    let inDay = total - days * 86_400_000
    let (year, month, day) = civil(fromDays: days)
    guard (0...9999).contains(year) else { return foundationFormatter().string(from: date) }
    var text = ""
    text.reserveCapacity(24)
    append(&text, year, width: 4)
    text.append("-")
    append(&text, month, width: 2)
    text.append("-")
    append(&text, day, width: 2)
    text.append("T")
    append(&text, inDay / 3_600_000, width: 2)
    text.append(":")
    append(&text, inDay / 60_000 % 60, width: 2)
    text.append(":")
    append(&text, inDay / 1000 % 60, width: 2)
    text.append(".")
    append(&text, inDay % 1000, width: 3)
    text.append("Z")
    return text
  }

  /// The date a stored timestamp names; nil when the text is not ISO 8601.
  public static func date(_ text: String) -> Date? {
    if let fast = storedShape(text) { return fast }
    return foundationFormatter().date(from: text)
  }

  /// "YYYY-MM-DDTHH:MM:SS.mmmZ" exactly, or nil.
  static func storedShape(_ text: String) -> Date? {
    var text = text
    return text.withUTF8 { bytes -> Date? in
      guard bytes.count == 24, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A,
        bytes[16] == 0x3A, bytes[19] == 0x2E, bytes[23] == 0x5A
      else { return nil }
      func number(_ from: Int, _ count: Int) -> Int64? {
        var value: Int64 = 0
        for index in from..<(from + count) {
          let digit = bytes[index] &- 0x30
          guard digit < 10 else { return nil }
          value = value * 10 + Int64(digit)
        }
        return value
      }
      guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
        let minute = number(14, 2), let second = number(17, 2), let millis = number(20, 3),
        (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), hour < 24, minute < 60,
        second < 60
      else { return nil }
      let days = daysFromCivil(year: year, month: month, day: day)
      let total = ((days * 24 + hour) * 60 + minute) * 60 + second
      return Date(timeIntervalSince1970: Double(total) + Double(millis) / 1000)
    }
  }

  private static func foundationFormatter() -> ISO8601DateFormatter {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter
  }

  private static func append(_ text: inout String, _ value: Int64, width: Int) {
    let digits = String(value)
    if digits.count < width { text.append(String(repeating: "0", count: width - digits.count)) }
    text.append(digits)
  }

  private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let quotient = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
  }

  private static func isLeap(_ year: Int64) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

  private static func daysIn(month: Int64, year: Int64) -> Int64 {
    switch month {
    case 2: isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (the civil-calendar
  /// algorithm in Howard Hinnant's "chrono-compatible low-level date
  /// algorithms", written out here).
  static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = floorDiv(y, 400)
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let shifted = days + 719_468
    let era = floorDiv(shifted, 146_097)
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }
}
