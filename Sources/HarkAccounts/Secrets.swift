// Random tokens, their stored digests and constant-time comparison: what
// invites, sessions and CSRF tokens share.
import Crypto
import Foundation

public enum Secrets {
  /// A fresh 256-bit token from the system's secure generator, as base64url
  /// without padding (43 characters), safe in a URL path and a cookie.
  public static func token() -> String {
    let key = SymmetricKey(size: .bits256)
    return key.withUnsafeBytes { base64URL(Data($0)) }
  }

  /// The digest stored in place of a token: SHA-256 as 64 lowercase hex digits.
  /// A slow hash is not needed here: tokens carry 256 random bits, so a leaked
  /// table of digests cannot be searched for them.
  public static func digest(_ token: String) -> String {
    let hex = Array("0123456789abcdef".utf8)
    var digits: [UInt8] = []
    digits.reserveCapacity(64)
    for byte in Crypto.SHA256.hash(data: Data(token.utf8)) {
      digits.append(hex[Int(byte >> 4)])
      digits.append(hex[Int(byte & 0x0F)])
    }
    return String(decoding: digits, as: UTF8.self)
  }

  /// Compares without stopping at the first difference, so the time taken
  /// says nothing about how much of a guess was right.
  public static func constantTimeEqual<A: Collection, B: Collection>(_ a: A, _ b: B) -> Bool
  where A.Element == UInt8, B.Element == UInt8 {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for (x, y) in zip(a, b) { difference |= x ^ y }
    return difference == 0
  }

  public static func base64URL(_ data: Data) -> String {
    // Byte by byte: Foundation's replacingOccurrences showed up in the
    // profile of every page, which carries a CSRF token.
    var bytes: [UInt8] = []
    bytes.reserveCapacity(data.count * 4 / 3 + 3)
    for byte in data.base64EncodedData() {
      switch byte {
      case UInt8(ascii: "+"): bytes.append(UInt8(ascii: "-"))
      case UInt8(ascii: "/"): bytes.append(UInt8(ascii: "_"))
      case UInt8(ascii: "="): continue
      default: bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  static func fromBase64URL(_ text: String) -> Data? {
    var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while base64.count % 4 != 0 { base64 += "=" }
    return Data(base64Encoded: base64)
  }
}
