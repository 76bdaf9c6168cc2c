// The address people use to reach `hark serve` ("https://panel.example.org"),
// given once and kept in the project: sign-in links are built on it, and
// cookies are marked Secure when it is https.
import Foundation
import GRDB
import HarkTranscripts

public enum PublicAddress {
  /// What links use when nothing was given: only this computer can open it.
  public static let fallback = "http://127.0.0.1:8080"

  /// `text` checked and written the one way links use: scheme and host in
  /// lower case, no trailing slash. Only http and https, with a host, and no
  /// path, query or user name: pages use absolute paths, so Hark cannot be
  /// served under a sub-path.
  public static func normalised(_ text: String) throws -> String {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    let hint = "Write the address as people type it, such as https://panel.example.org or http://192.0.2.10:8080"
    guard let parts = URLComponents(string: trimmed), let scheme = parts.scheme?.lowercased(),
      scheme == "http" || scheme == "https", let host = parts.host, !host.isEmpty
    else { throw HarkError("\"\(trimmed)\" is not a web address", hint: hint) }
    guard parts.path.isEmpty || parts.path == "/", parts.query == nil, parts.fragment == nil, parts.user == nil,
      parts.password == nil
    else {
      throw HarkError("\"\(trimmed)\" has more than a scheme, host and port", hint: hint)
    }
    let port = parts.port.map { ":\($0)" } ?? ""
    let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    return "\(scheme)://\(shownHost.lowercased())\(port)"
  }

  /// Whether only the computer running Hark can open links on this address.
  public static func isLoopbackOnly(_ address: String) -> Bool {
    guard let host = URLComponents(string: address)?.host?.lowercased() else { return true }
    let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
    return bare == "localhost" || bare.hasSuffix(".localhost") || bare.hasPrefix("127.") || bare == "::1"
      || bare == "0.0.0.0"
  }

  /// Whether browsers reach Hark over TLS, directly or through a proxy: then
  /// the session cookie must never travel over plain http.
  public static func isSecure(_ address: String) -> Bool {
    address.lowercased().hasPrefix("https://")
  }

  /// What to say when links would point at this computer only; nil when fine.
  public static func loopbackWarning(_ address: String) -> String? {
    guard isLoopbackOnly(address) else { return nil }
    return
      "sign-in links point at \(address), which only this computer can open. Give the address panel members use once with --public-url (such as --public-url https://panel.example.org); it is kept in the project."
  }
}

extension ProjectStore {
  static let publicAddressKey = "public_url"

  /// The public address given before, if any.
  public func publicAddress() throws -> String? {
    try pool.read { db in try ProjectInfoRecord.value(db, key: Self.publicAddressKey) }
  }

  /// Checks and keeps the public address; returns it as links will use it.
  @discardableResult
  public func setPublicAddress(_ text: String, actor: String) throws -> String {
    let address = try PublicAddress.normalised(text)
    try pool.write { db in
      guard try ProjectInfoRecord.value(db, key: Self.publicAddressKey) != address else { return }
      try ProjectInfoRecord(key: Self.publicAddressKey, value: address).save(db)
      try Self.log(db, actor: actor, subject: .project, action: .setPublicAddress, detail: [.address: .string(address)])
    }
    return address
  }

  /// The address for links: `given` (then kept, as `actor`'s decision), else the one kept, else `fallback`.
  public func resolvePublicAddress(given: String?, fallback: String = PublicAddress.fallback, actor: String) throws
    -> String
  {
    if let given { return try setPublicAddress(given, actor: actor) }
    return try publicAddress() ?? fallback
  }
}
