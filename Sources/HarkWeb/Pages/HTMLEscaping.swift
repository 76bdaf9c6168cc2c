// How `{{…}}` escapes text: the same five replacements as swift-mustache's
// HTML content type (< > & " '), done over UTF-8 bytes. The library walks
// Characters through a dictionary, which was a tenth of a panel page's cost;
// every template is registered with this content type instead (see Pages).
import Mustache

struct HTMLEscaping: MustacheContentType {
  static let name = "HARK_HTML"

  func escapeText(_ text: String) -> String { Self.escape(text) }

  static func escape(_ text: String) -> String {
    var text = text
    return text.withUTF8 { bytes -> String in
      guard
        bytes.contains(where: {
          $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "\"")
            || $0 == UInt8(ascii: "'")
        })
      else { return String(decoding: bytes, as: UTF8.self) }
      var escaped: [UInt8] = []
      escaped.reserveCapacity(bytes.count + 32)
      for byte in bytes {
        switch byte {
        case UInt8(ascii: "<"): escaped.append(contentsOf: "&lt;".utf8)
        case UInt8(ascii: ">"): escaped.append(contentsOf: "&gt;".utf8)
        case UInt8(ascii: "&"): escaped.append(contentsOf: "&amp;".utf8)
        case UInt8(ascii: "\""): escaped.append(contentsOf: "&quot;".utf8)
        case UInt8(ascii: "'"): escaped.append(contentsOf: "&#39;".utf8)
        default: escaped.append(byte)
        }
      }
      return String(decoding: escaped, as: UTF8.self)
    }
  }
}
