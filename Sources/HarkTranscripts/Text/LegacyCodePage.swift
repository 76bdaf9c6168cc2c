// Windows-1252 and Latin-1: one byte per character. They agree except on 0x80–0x9F, where
// Latin-1 has control characters (0x85 is NEL, a line end) and Windows-1252 has curly
// quotes, dashes, the ellipsis and a few letters.

enum LegacyCodePage {
  /// Bytes Windows-1252 gives no character.
  static let undefinedInWindows1252: Set<UInt8> = [0x81, 0x8D, 0x8F, 0x90, 0x9D]

  /// Windows-1252's characters for 0x80–0x9F (0 where it has none).
  private static let windows1252High: [UInt32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
  ]

  /// The text and how many characters outside ASCII it holds. A byte Windows-1252 leaves
  /// undefined is refused with its line, since guessing would change what was written.
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>, windows1252: Bool, name: String) throws
    -> (String, Int)
  {
    var scalars = String.UnicodeScalarView()
    var converted = 0
    var line = 1
    var previousWasCR = false
    for byte in bytes {
      if byte == 0x0A, !previousWasCR { line += 1 }
      if byte == 0x0D { line += 1 }
      previousWasCR = byte == 0x0D
      if byte < 0x80 {
        scalars.append(Unicode.Scalar(byte))
        continue
      }
      converted += 1
      if windows1252, byte < 0xA0 {
        let value = windows1252High[Int(byte - 0x80)]
        guard value != 0, let scalar = Unicode.Scalar(value) else {
          throw ImportProblem.undefinedInWindows1252(name, line: line, byte: byte)
        }
        scalars.append(scalar)
      } else {
        scalars.append(Unicode.Scalar(byte))
      }
    }
    return (String(scalars), converted)
  }
}
