// Migration v5: a concept may sit under a parent concept (`Store/ConceptHierarchy.swift`).
extension Schema {
  /// A parent may itself have been merged away; readers follow `merged_into`
  /// to the concept it became.
  static let conceptHierarchy = """
    ALTER TABLE concept ADD COLUMN parent_id INTEGER REFERENCES concept(id);
    """
}
