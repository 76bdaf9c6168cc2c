// Cutting text by code point offsets, the store's kind of offset.
public enum CodePoints {
  /// The text from `start` up to `end`, both clamped to the text.
  public static func slice(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> String {
    let lower = min(max(0, start), scalars.count)
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[lower..<min(max(lower, end), scalars.count)])
    return String(view)
  }
}
