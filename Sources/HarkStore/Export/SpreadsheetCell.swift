// Formula injection: a spreadsheet opening a CSV runs a cell that starts with
// `=`, `+`, `-` or `@` as a formula (and Excel also after a leading tab or
// carriage return), so a participant's quote such as `=HYPERLINK(...)` could
// act on the researcher's computer. OWASP's CSV Injection advice: put a single
// quote before such a cell, so it is read as text.
import Foundation

public enum SpreadsheetCell {
  /// The characters that make a spreadsheet read a cell as a formula.
  static let triggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

  /// `text` with a `'` in front when it would be read as a formula.
  ///
  /// A cell that is wholly a decimal number (`-0.6`, `+2`, `-1e3`) or a lone
  /// sign (the polarity column's `-`) is left as it is: a spreadsheet reads
  /// it as a number or as text, and there is nothing after the sign that a
  /// formula could call. Everything else that starts with a trigger, numbers
  /// followed by anything included (`-1+cmd|' /C calc'!A0`), is prefixed.
  public static func defused(_ text: String) -> String {
    guard let first = text.unicodeScalars.first, triggers.contains(first) else { return text }
    if text == "-" || text == "+" || isPlainNumber(text) { return text }
    return "'" + text
  }

  /// An optional sign, digits with at most one decimal point, an optional
  /// exponent; nothing else, not even a space.
  static func isPlainNumber(_ text: String) -> Bool {
    var scalars = Substring(text).unicodeScalars[...]
    if let sign = scalars.first, sign == "-" || sign == "+" { scalars = scalars.dropFirst() }
    var digits = 0
    var point = false
    while let next = scalars.first {
      if ("0"..."9").contains(next) {
        digits += 1
      } else if next == ".", !point {
        point = true
      } else {
        break
      }
      scalars = scalars.dropFirst()
    }
    guard digits > 0 else { return false }
    if let e = scalars.first, e == "e" || e == "E" {
      scalars = scalars.dropFirst()
      if let sign = scalars.first, sign == "-" || sign == "+" { scalars = scalars.dropFirst() }
      guard let digit = scalars.first, ("0"..."9").contains(digit) else { return false }
      scalars = scalars.drop { ("0"..."9").contains($0) }
    }
    return scalars.isEmpty
  }
}
