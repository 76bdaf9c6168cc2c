// The notes (memos) migration: a researcher's free text, on the project, a
// document, a span of a document or a code. REFI-QDA projects bring them in.
extension Schema {
  static let notes = """
    CREATE TABLE note (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      title TEXT NOT NULL,
      text TEXT NOT NULL,
      document_id INTEGER REFERENCES document(id) ON DELETE CASCADE,
      start INTEGER,
      "end" INTEGER,
      code_id INTEGER REFERENCES code(id),
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      origin TEXT NOT NULL DEFAULT '',  -- where it came from, e.g. 'REFI-QDA import of study.qdpx'
      CHECK ((start IS NULL) = ("end" IS NULL)),
      CHECK (start IS NULL OR (document_id IS NOT NULL AND 0 <= start AND start <= "end"))
    );
    CREATE INDEX note_by_document ON note(document_id, start);
    """
}
