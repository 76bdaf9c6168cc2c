// A SHA-256 digest written the way the store keeps it: recognising a file
// imported before, naming a plugin's options, deriving REFI-QDA GUIDs.
import Crypto

extension SHA256 {
  /// The digest of `bytes` as 64 lowercase hex digits.
  public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for byte in hash(data: Array(bytes)) {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0xF)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
