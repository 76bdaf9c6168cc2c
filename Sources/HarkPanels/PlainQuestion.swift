// The question a panel item asks, as members read it.
import Foundation

/// The question an item asks: the researcher's wording when there is one,
/// else the one `PanelWording` makes from the labels and the sign ("Does
/// feeling listened to lead to more trust in services?").
public struct PlainQuestion: Sendable, Equatable {
  public var cause: String
  /// The effect with its direction: "more trust in services", "less anxiety".
  public var effect: String
  public var wording: String?
  /// The generated question, whatever the wording.
  public var generated: String

  public init(cause: String, effect: String, polarity: Int, wording: String? = nil) {
    // Links join concepts that are not opposites (a merge into an opposite
    // moves its items along, turned round), so the polarity alone says
    // which way: "less eating properly", never "more ~eating properly".
    self.cause = cause
    self.effect = PanelWording.directed(effect, up: polarity > 0, plural: Phrase(effect).isPlural)
    self.wording = wording
    self.generated = PanelWording.question(cause: cause, effect: effect, polarity: polarity)
  }

  public var text: String { wording ?? generated }
}
