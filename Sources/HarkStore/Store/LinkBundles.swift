// Link bundles seen through a filter on who spoke: only the quotes of
// participants in a group, or with an attribute (name=value), count.
import Foundation
import GRDB
import HarkTranscripts

/// Which participants' quotes count. Empty: everyone's, including quotes with
/// no known speaker.
public struct EvidenceFilter: Sendable, Equatable {
  public var group: String?
  public var attribute: ParticipantAttribute?

  public init(group: String? = nil, attribute: ParticipantAttribute? = nil) {
    self.group = group
    self.attribute = attribute
  }

  public var isEmpty: Bool { group == nil && attribute == nil }
}

public struct ParticipantAttribute: Sendable, Equatable, Hashable {
  public var name: String
  public var value: String

  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }

  /// "age band=18-24" split at the first "=", both sides trimmed; nil when
  /// either side is empty.
  public init?(parsing text: String) {
    guard let equals = text.firstIndex(of: "=") else { return nil }
    let name = text[..<equals].trimmingCharacters(in: .whitespaces)
    let value = text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces)
    guard !name.isEmpty, !value.isEmpty else { return nil }
    self.init(name: name, value: value)
  }

  public var text: String { "\(name)=\(value)" }

  /// A participant's attributes as the participant table keeps them: a JSON
  /// list of [name, value] pairs, in the participants file's column order.
  static func list(stored json: String) -> [ParticipantAttribute] {
    let pairs = (try? JSONDecoder().decode([[String]].self, from: Data(json.utf8))) ?? []
    return pairs.compactMap { pair in pair.count == 2 ? ParticipantAttribute(name: pair[0], value: pair[1]) : nil }
  }
}

/// The groups and attributes participants have, for a filter form to offer.
public struct ParticipantFacets: Sendable, Equatable {
  public var groups: [String]
  public var attributes: [ParticipantAttribute]
}

extension ProjectStore {
  public func participantFacets() throws -> ParticipantFacets {
    // Interviewers' words are never evidence, so their groups are not offered.
    let people = try participantsForFilter().filter { $0.role == .participant }
    let groups = Set(people.map(\.group).filter { !$0.isEmpty })
    let attributes = Set(people.flatMap(\.attributes))
    return ParticipantFacets(
      groups: groups.sorted { $0.localizedCaseInsensitiveCompare($1) == .orderedAscending },
      attributes: attributes.sorted { ($0.name, $0.value) < ($1.name, $1.value) })
  }

  /// Link bundles with their counts taken only from evidence that passes the
  /// filter; a bundle with no such evidence is left out. Status, polarity and
  /// strength stay the bundle's own. Strongest support first.
  public func links(filter: EvidenceFilter) throws -> [LinkSummary] {
    guard !filter.isEmpty else { return try links() }
    let counted = try evidence(filter: filter)
    var quotes: [LinkID: Int] = [:]
    var speakers: [LinkID: Set<String>] = [:]
    for piece in counted {
      quotes[piece.linkID, default: 0] += 1
      if let participant = piece.participant { speakers[piece.linkID, default: []].insert(participant) }
    }
    return try links().compactMap { link -> LinkSummary? in
      guard let count = quotes[link.id] else { return nil }
      var link = link
      link.citations = count
      link.sources = speakers[link.id]?.count ?? 0
      return link
    }
    .sorted { a, b in
      if a.sources != b.sources { return a.sources > b.sources }
      if a.citations != b.citations { return a.citations > b.citations }
      return a.id < b.id
    }
  }

  /// The quotes behind a link (or every link when nil) said by participants
  /// the filter lets through.
  public func evidence(link: LinkID? = nil, filter: EvidenceFilter) throws -> [Evidence] {
    guard !filter.isEmpty else { return try evidence(link: link) }
    let matching = Set(
      try participantsForFilter().filter { person in
        (filter.group.map { person.group == $0 } ?? true)
          && (filter.attribute.map { person.attributes.contains($0) } ?? true)
      }.map(\.pseudonym))
    return try evidence(link: link).filter { piece in piece.participant.map(matching.contains) ?? false }
  }

  private func participantsForFilter() throws -> [(
    pseudonym: String, role: ParticipantRecord.Role, group: String, attributes: [ParticipantAttribute]
  )] {
    try pool.read { db in
      try ParticipantTableRecord.order(Column(ParticipantTableRecord.CodingKeys.id)).fetchAll(db).map {
        ($0.pseudonym, $0.role, $0.groupName, ParticipantAttribute.list(stored: $0.attributes))
      }
    }
  }
}
