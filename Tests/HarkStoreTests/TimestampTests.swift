// The store's timestamps, written and read by hand: they must agree with
// Foundation's ISO 8601 formatter to the millisecond, and refuse what is not
// a date.
import Foundation
import Testing

@testable import HarkStore

@Suite("Timestamps")
struct TimestampTests {
  static func foundation() -> ISO8601DateFormatter {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter
  }

  @Test("known instants are written in the stored shape")
  func knownInstants() {
    #expect(Timestamp.string(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
    #expect(Timestamp.string(Date(timeIntervalSince1970: 951_782_400.5)) == "2000-02-29T00:00:00.500Z")
    #expect(Timestamp.string(Date(timeIntervalSince1970: -0.001)) == "1969-12-31T23:59:59.999Z")
    #expect(Timestamp.string(Date(timeIntervalSince1970: 1_796_492_855.1239)) == "2026-12-05T17:47:35.123Z")
  }

  @Test("writing and reading agree with Foundation across four centuries")
  func agreesWithFoundation() throws {
    let formatter = Self.foundation()
    // Whole milliseconds from 1900 to 2300, stepped by a prime so every
    // millisecond digit and every day of the year comes up.
    for step in Int64(0)..<5000 {
      let millis = -2_208_988_800_000 + step * 2_524_608_000_007 % 12_622_780_800_000
      let date = Date(timeIntervalSince1970: Double(millis) / 1000)
      let text = Timestamp.string(date)
      #expect(text == formatter.string(from: date))
      let back = try #require(Timestamp.date(text))
      #expect(Int64((back.timeIntervalSince1970 * 1000).rounded()) == millis)
    }
  }

  @Test("impossible dates and other shapes are refused by the fast reader")
  func refusesNonDates() {
    for text in [
      "2026-02-29T00:00:00.000Z", "2026-13-01T00:00:00.000Z", "2026-12-04T24:00:00.000Z",
      "2026-12-04T17:60:00.000Z", "2026-12-04 17:47:35.120Z", "2026-12-04T17:47:35.12xZ", "",
    ] {
      #expect(Timestamp.storedShape(text) == nil, "\(text)")
    }
    #expect(Timestamp.date("not a date") == nil)
    // Another ISO 8601 shape still reads, through Foundation.
    #expect(Timestamp.date("2026-12-04T17:47:35.120+01:00") == Timestamp.date("2026-12-04T16:47:35.120Z"))
  }
}
