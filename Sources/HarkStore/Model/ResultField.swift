// The field names a result has outside Swift: `hark plugins run`'s JSON
// lines (`FindingsJSONLines.swift`) and the JSON export (`JSONExport`) spell
// each field from here, so one field has one name in both.

/// One name per result field, as the JSON outputs write it. Static strings,
/// so the JSON-lines writer copies them without a lookup.
public enum ResultField {
  /// The document a result is in.
  public static let document: StaticString = "document"
  /// Which kind of line (`code`, `concept`, `link`, `score`, `log`, `failure`).
  public static let kind: StaticString = "kind"
  public static let code: StaticString = "code"
  /// A link's cause and effect: the concept's label in plugin output, its
  /// concept id in the export (which adds the label as `cause_label`).
  public static let cause: StaticString = "cause"
  public static let effect: StaticString = "effect"
  public static let label: StaticString = "label"
  public static let name: StaticString = "name"
  public static let value: StaticString = "value"
  public static let polarity: StaticString = "polarity"
  public static let strength: StaticString = "strength"
  public static let confidence: StaticString = "confidence"
  public static let explanation: StaticString = "explanation"
  /// The span (`span`), in code points, half-open, and the text it covers.
  public static let start: StaticString = "start"
  public static let end: StaticString = "end"
  public static let quote: StaticString = "quote"
  /// A link's cause span (`causeSpan`) and the text it covers.
  public static let causeStart: StaticString = "cause_start"
  public static let causeEnd: StaticString = "cause_end"
  public static let causeQuote: StaticString = "cause_quote"
  /// A link's effect span (`effectSpan`) and the text it covers.
  public static let effectStart: StaticString = "effect_start"
  public static let effectEnd: StaticString = "effect_end"
  public static let effectQuote: StaticString = "effect_quote"

  /// A name as a dictionary key (the export builds `[String: Any]`).
  public static func key(_ name: StaticString) -> String { name.description }
}
