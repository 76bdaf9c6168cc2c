// The project store's schema, as versioned migrations. A migration, once
// released, never changes: later schema changes are new migrations, so a file
// from an older Hark opens and is brought up to date.
import GRDB

enum Schema {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1: documents, coding runs, candidates, decisions") { db in
      try db.execute(sql: version1)
    }
    migrator.registerMigration("v2: researcher accounts, panels, votes, panel decisions") { db in
      try db.execute(sql: version2)
    }
    migrator.registerMigration("v3: notes") { db in
      try db.execute(sql: notes)
    }
    migrator.registerMigration("v4: memos on concepts and links") { db in
      try db.execute(sql: memosOnConceptsAndLinks)
    }
    migrator.registerMigration("v5: concept hierarchy") { db in
      try db.execute(sql: conceptHierarchy)
    }
    migrator.registerMigration("v6: opposites as a relation between concepts") { db in
      try OppositesMigration.run(db)
    }
    migrator.registerMigration("v7: indexes for replacing a plugin's results") { db in
      try db.execute(sql: resultIndexes)
    }
    migrator.registerMigration("v8: sign-in throttle") { db in
      try db.execute(sql: SignInThrottleSchema.sql)
    }
    migrator.registerMigration("v9: views for the current vote and the decision in force") { db in
      try db.execute(sql: panelRuleViews)
    }
    return migrator
  }

  /// The first schema. Offsets (`start`, `end`) are Unicode scalar offsets into
  /// `document.text`, half-open. Times are ISO 8601 UTC strings.
  static let version1 = """
    CREATE TABLE project_info (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );

    CREATE TABLE participant (
      id INTEGER PRIMARY KEY,
      pseudonym TEXT NOT NULL UNIQUE COLLATE NOCASE,
      role TEXT NOT NULL CHECK (role IN ('participant', 'interviewer')),
      group_name TEXT NOT NULL DEFAULT '',
      attributes TEXT NOT NULL DEFAULT '[]'  -- JSON array of [name, value], in file order
    );

    CREATE TABLE document (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      title TEXT NOT NULL,
      source_name TEXT NOT NULL,
      source_sha256 TEXT NOT NULL UNIQUE,
      format TEXT NOT NULL,
      text TEXT NOT NULL,
      scalar_count INTEGER NOT NULL,
      word_count INTEGER NOT NULL,
      imported_at TEXT NOT NULL,
      imported_by TEXT NOT NULL
    );

    CREATE TABLE turn (
      id INTEGER PRIMARY KEY,
      document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
      ordinal INTEGER NOT NULL,
      speaker TEXT NOT NULL,
      participant_id INTEGER REFERENCES participant(id),
      role TEXT NOT NULL CHECK (role IN ('participant', 'interviewer', 'unknown')),
      start INTEGER NOT NULL,
      "end" INTEGER NOT NULL,
      start_time TEXT,
      end_time TEXT,
      UNIQUE (document_id, ordinal),
      CHECK (0 <= start AND start <= "end")
    );
    CREATE INDEX turn_by_document ON turn(document_id, start);

    CREATE TABLE code (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      parent_id INTEGER REFERENCES code(id),
      description TEXT NOT NULL DEFAULT '',
      colour TEXT
    );

    CREATE TABLE plugin_setting (
      plugin_id TEXT PRIMARY KEY,
      enabled INTEGER NOT NULL DEFAULT 1,
      options TEXT NOT NULL DEFAULT '{}'
    );

    CREATE TABLE coding_run (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      started_at TEXT NOT NULL,
      finished_at TEXT,
      status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'interrupted')),
      isolation TEXT NOT NULL CHECK (isolation IN ('workers', 'in-process')),
      workers INTEGER NOT NULL,
      started_by TEXT NOT NULL
    );

    CREATE TABLE run_plugin (
      run_id INTEGER NOT NULL REFERENCES coding_run(id),
      plugin_id TEXT NOT NULL,
      plugin_version TEXT NOT NULL,
      plugin_path TEXT NOT NULL,
      options TEXT NOT NULL,
      documents_done INTEGER NOT NULL DEFAULT 0,
      documents_failed INTEGER NOT NULL DEFAULT 0,
      codes INTEGER NOT NULL DEFAULT 0,
      concepts INTEGER NOT NULL DEFAULT 0,
      links INTEGER NOT NULL DEFAULT 0,
      scores INTEGER NOT NULL DEFAULT 0,
      seconds REAL NOT NULL DEFAULT 0,
      PRIMARY KEY (run_id, plugin_id)
    );

    -- Why a plugin failed on a document in a run: crash, hang, garbage, error.
    CREATE TABLE run_failure (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      run_id INTEGER NOT NULL REFERENCES coding_run(id),
      document_id INTEGER REFERENCES document(id) ON DELETE CASCADE,
      plugin_id TEXT NOT NULL,
      reason TEXT NOT NULL
    );

    -- The current results of one plugin (a version with a set of options) on one
    -- document: the unit a coding run resumes by. Written with its results in
    -- one transaction. Ids are never reused (AUTOINCREMENT), here and wherever
    -- a decision or an export may name a row.
    CREATE TABLE analysis (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
      plugin_id TEXT NOT NULL,
      plugin_version TEXT NOT NULL,
      options_hash TEXT NOT NULL,
      run_id INTEGER NOT NULL REFERENCES coding_run(id),
      seconds REAL NOT NULL,
      UNIQUE (document_id, plugin_id)
    );

    -- The last failure of a plugin version and options on a document; such a
    -- document is not tried again unless asked (--retry-failed). Earlier
    -- results from another version, if any, stay in `analysis`.
    CREATE TABLE analysis_failure (
      document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
      plugin_id TEXT NOT NULL,
      plugin_version TEXT NOT NULL,
      options_hash TEXT NOT NULL,
      run_id INTEGER NOT NULL REFERENCES coding_run(id),
      reason TEXT NOT NULL,
      PRIMARY KEY (document_id, plugin_id)
    );

    CREATE TABLE coding (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
      code_id INTEGER NOT NULL REFERENCES code(id),
      start INTEGER NOT NULL,
      "end" INTEGER NOT NULL,
      analysis_id INTEGER REFERENCES analysis(id) ON DELETE CASCADE,  -- NULL: coded by hand
      confidence REAL,
      explanation TEXT NOT NULL DEFAULT '',
      status TEXT NOT NULL DEFAULT 'suggested' CHECK (status IN ('suggested', 'accepted', 'rejected')),
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      CHECK (0 <= start AND start <= "end")
    );
    CREATE INDEX coding_by_document ON coding(document_id, start);
    CREATE INDEX coding_by_code ON coding(code_id);

    CREATE TABLE score (
      id INTEGER PRIMARY KEY,
      document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
      analysis_id INTEGER NOT NULL REFERENCES analysis(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      start INTEGER NOT NULL,
      "end" INTEGER NOT NULL,
      value REAL NOT NULL CHECK (value BETWEEN -1 AND 1),
      explanation TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX score_by_document ON score(document_id, start);

    -- Concepts merge across documents by `key`, the normalised label. A merged
    -- concept keeps its row (and key) and points at the concept it became.
    CREATE TABLE concept (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      label TEXT NOT NULL,
      key TEXT NOT NULL UNIQUE,
      merged_into INTEGER REFERENCES concept(id),
      created_at TEXT NOT NULL
    );

    CREATE TABLE concept_mention (
      id INTEGER PRIMARY KEY,
      concept_id INTEGER NOT NULL REFERENCES concept(id),
      document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
      analysis_id INTEGER REFERENCES analysis(id) ON DELETE CASCADE,
      participant_id INTEGER REFERENCES participant(id),
      start INTEGER NOT NULL,
      "end" INTEGER NOT NULL,
      confidence REAL NOT NULL,
      explanation TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX mention_by_concept ON concept_mention(concept_id);
    CREATE INDEX mention_by_analysis ON concept_mention(analysis_id);

    -- A link is a bundle: every piece of evidence with the same cause and effect.
    -- polarity and strength are the researcher's settings; NULL means "from the evidence".
    CREATE TABLE link (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      cause_id INTEGER NOT NULL REFERENCES concept(id),
      effect_id INTEGER NOT NULL REFERENCES concept(id),
      status TEXT NOT NULL DEFAULT 'candidate' CHECK (status IN ('candidate', 'accepted', 'rejected')),
      polarity INTEGER CHECK (polarity IN (-1, 1)),
      strength REAL CHECK (strength BETWEEN 0 AND 1),
      created_at TEXT NOT NULL,
      UNIQUE (cause_id, effect_id)
    );

    CREATE TABLE evidence (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      link_id INTEGER NOT NULL REFERENCES link(id),
      document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
      analysis_id INTEGER REFERENCES analysis(id) ON DELETE CASCADE,  -- NULL: added by hand
      participant_id INTEGER REFERENCES participant(id),
      start INTEGER NOT NULL,
      "end" INTEGER NOT NULL,
      cause_start INTEGER,
      cause_end INTEGER,
      effect_start INTEGER,
      effect_end INTEGER,
      polarity INTEGER NOT NULL CHECK (polarity IN (-1, 1)),
      strength REAL NOT NULL CHECK (strength BETWEEN 0 AND 1),
      confidence REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
      explanation TEXT NOT NULL DEFAULT '',
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE INDEX evidence_by_link ON evidence(link_id);
    CREATE INDEX evidence_by_analysis ON evidence(analysis_id);

    -- Every researcher decision, append-only: who, when, what, on which item.
    CREATE TABLE decision (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      subject TEXT NOT NULL,
      action TEXT NOT NULL,
      detail TEXT NOT NULL DEFAULT '{}'
    );
    CREATE TRIGGER decision_is_append_only_update BEFORE UPDATE ON decision
      BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
    CREATE TRIGGER decision_is_append_only_delete BEFORE DELETE ON decision
      BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
    """

  /// Replacing a plugin's results on a document deletes its analysis row, and
  /// the cascade must find the codings and scores that row owns without
  /// reading the whole table (on a 700-document project each replacement
  /// scanned both, and a coding run held the write lock for half a minute).
  /// Tidying candidate links looks decisions up by subject.
  static let resultIndexes = """
    CREATE INDEX coding_by_analysis ON coding(analysis_id);
    CREATE INDEX score_by_analysis ON score(analysis_id);
    CREATE INDEX decision_by_subject ON decision(subject);
    """
}
