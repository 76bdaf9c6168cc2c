// The table behind the sign-in rate limit (migration "v8: sign-in throttle").
enum SignInThrottleSchema {
  /// One row per failed (or not yet checked) sign-in, for the account tried
  /// and for the address it came from. `key` is a SHA-256 digest, never the
  /// name or address itself; `at` is seconds since 1970. Rows older than the
  /// window are deleted on the next attempt, so the table stays small.
  static let sql = """
    CREATE TABLE sign_in_failure (
      id INTEGER PRIMARY KEY,
      key TEXT NOT NULL,
      at REAL NOT NULL
    );
    CREATE INDEX sign_in_failure_by_key ON sign_in_failure(key, at);
    CREATE INDEX sign_in_failure_by_time ON sign_in_failure(at);
    """
}
