// Migration v4: memos on concepts and links (`Store/Memos.swift`), following
// a concept or link into whatever it was merged into.
extension Schema {
  /// Notes could sit on the project, a document, a span or a code; concepts
  /// and links are Hark's own items, so they get their columns here. Merging
  /// removes rows: an alias concept given back its label, a link folded into
  /// the one with the same ends. Their memos move to where the item went, so
  /// a memo never stops a merge and is never lost; a row removed any other
  /// way still refuses to go while a memo names it.
  static let memosOnConceptsAndLinks = """
    ALTER TABLE note ADD COLUMN concept_id INTEGER REFERENCES concept(id);
    ALTER TABLE note ADD COLUMN link_id INTEGER REFERENCES link(id);
    CREATE INDEX note_by_concept ON note(concept_id);
    CREATE INDEX note_by_link ON note(link_id);
    CREATE TRIGGER note_follows_merged_concept BEFORE DELETE ON concept
      WHEN OLD.merged_into IS NOT NULL
      BEGIN UPDATE note SET concept_id = OLD.merged_into WHERE concept_id = OLD.id; END;
    CREATE TRIGGER note_follows_merged_link BEFORE DELETE ON link
      BEGIN
        UPDATE note SET link_id = (
          SELECT json_extract(d.detail, '$.into') FROM decision d
          WHERE d.subject = 'link:' || OLD.id AND d.action = 'merge' ORDER BY d.id DESC LIMIT 1)
        WHERE link_id = OLD.id
          AND EXISTS (SELECT 1 FROM decision d WHERE d.subject = 'link:' || OLD.id AND d.action = 'merge');
      END;
    """
}
