// Researcher passwords, stored as scrypt hashes that carry their own
// parameters, so the work factor can rise later without breaking old hashes.
import Crypto
import Foundation
import _CryptoExtras

/// scrypt's cost parameters: N (rounds, a power of 2), r (block size), p (parallelism).
public struct PasswordHashCost: Sendable, Equatable {
  public var rounds: Int
  public var blockSize: Int
  public var parallelism: Int

  public init(rounds: Int, blockSize: Int, parallelism: Int) {
    self.rounds = rounds
    self.blockSize = blockSize
    self.parallelism = parallelism
  }

  /// N = 2^17, r = 8, p = 1: the first scrypt setting OWASP's Password Storage
  /// Cheat Sheet recommends. scrypt rather than PBKDF2 because it is memory-hard
  /// (128 × N × r = 128 MiB per guess), which is what makes GPU and ASIC
  /// guessing expensive in 2026; PBKDF2 costs only time. One hash took 1.6 s of
  /// CPU in a debug build on the project's 2-core machine (less when
  /// optimised), paid once per sign-in, which the sign-in rate limit keeps rare.
  public static let standard = PasswordHashCost(rounds: 1 << 17, blockSize: 8, parallelism: 1)
}

public enum PasswordHash {
  static let saltBytes = 16
  static let keyBytes = 32

  /// `scrypt$N$r$p$salt$hash`, salt and hash in base64url.
  public static func make(_ password: String, cost: PasswordHashCost = .standard) throws -> String {
    let salt = SymmetricKey(size: SymmetricKeySize(bitCount: saltBytes * 8)).withUnsafeBytes { Data($0) }
    let key = try derive(password, salt: salt, cost: cost)
    return
      "scrypt$\(cost.rounds)$\(cost.blockSize)$\(cost.parallelism)$\(Secrets.base64URL(salt))$\(Secrets.base64URL(key))"
  }

  /// Whether `password` matches `stored`. A malformed stored hash never matches.
  public static func verify(_ password: String, against stored: String) -> Bool {
    let parts = stored.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 6, parts[0] == "scrypt", let rounds = Int(parts[1]), let blockSize = Int(parts[2]),
      let parallelism = Int(parts[3]), let salt = Secrets.fromBase64URL(parts[4]),
      let expected = Secrets.fromBase64URL(parts[5]), expected.count == keyBytes,
      rounds > 1, rounds.nonzeroBitCount == 1, blockSize > 0, parallelism > 0
    else { return false }
    let cost = PasswordHashCost(rounds: rounds, blockSize: blockSize, parallelism: parallelism)
    guard let key = try? derive(password, salt: salt, cost: cost) else { return false }
    return Secrets.constantTimeEqual(key, expected)
  }

  static func derive(_ password: String, salt: Data, cost: PasswordHashCost) throws -> Data {
    let key = try KDF.Scrypt.deriveKey(
      from: Data(password.utf8), salt: salt, outputByteCount: keyBytes, rounds: cost.rounds,
      blockSize: cost.blockSize, parallelism: cost.parallelism)
    return key.withUnsafeBytes { Data($0) }
  }
}
