// The second schema migration: researcher accounts and sessions, panels with
// their members and invites, review items, votes and panel decisions.

extension Schema {
  /// Votes and panel decisions are append-only, like `decision`: a changed vote
  /// is a new row, and the current vote of a member on an item is their latest.
  /// Secrets (invite and session tokens) are stored only as SHA-256 hex digests.
  static let version2 = """
    CREATE TABLE researcher (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      password_hash TEXT NOT NULL,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL
    );

    CREATE TABLE panel (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      rule TEXT NOT NULL,  -- 'unanimous', 'majority' or 'threshold:P' with 0 < P <= 1
      quorum INTEGER NOT NULL CHECK (quorum >= 1),
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL
    );

    -- `name` is the member's real name, for researchers only; everyone else
    -- sees the pseudonym.
    CREATE TABLE panel_member (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      panel_id INTEGER NOT NULL REFERENCES panel(id),
      name TEXT NOT NULL,
      pseudonym TEXT NOT NULL,
      added_at TEXT NOT NULL,
      added_by TEXT NOT NULL,
      UNIQUE (panel_id, name),
      UNIQUE (panel_id, pseudonym)
    );

    CREATE TABLE panel_invite (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      member_id INTEGER NOT NULL REFERENCES panel_member(id),
      token_sha256 TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      used_at TEXT,
      revoked_at TEXT,
      revoked_by TEXT
    );

    -- A signed-in researcher or panel member (exactly one of the two).
    CREATE TABLE session (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      token_sha256 TEXT NOT NULL UNIQUE,
      researcher_id INTEGER REFERENCES researcher(id),
      member_id INTEGER REFERENCES panel_member(id),
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      ended_at TEXT,
      CHECK ((researcher_id IS NULL) != (member_id IS NULL))
    );

    -- What a panel is asked about a link. The claim (cause, effect, polarity,
    -- wording) is the link's own, or a suggestion a researcher took up. The link
    -- has no foreign key: merging concepts folds links away, and an item keeps
    -- the id it was opened with (the fold's decision row says where it went).
    CREATE TABLE panel_item (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      panel_id INTEGER NOT NULL REFERENCES panel(id),
      link_id INTEGER NOT NULL,
      cause_id INTEGER NOT NULL REFERENCES concept(id),
      effect_id INTEGER NOT NULL REFERENCES concept(id),
      polarity INTEGER NOT NULL CHECK (polarity IN (-1, 1)),
      wording TEXT,
      from_vote_id INTEGER,
      opened_at TEXT NOT NULL,
      opened_by TEXT NOT NULL,
      closed_at TEXT,
      closed_by TEXT
    );
    CREATE INDEX panel_item_by_panel ON panel_item(panel_id, id);

    CREATE TABLE panel_vote (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      item_id INTEGER NOT NULL REFERENCES panel_item(id),
      member_id INTEGER NOT NULL REFERENCES panel_member(id),
      answer TEXT NOT NULL CHECK (answer IN ('agree', 'disagree', 'not-sure')),
      strength TEXT CHECK (strength IN ('a-little', 'some', 'a-lot')),
      suggestion TEXT CHECK (suggestion IN ('other-way-round', 'opposite', 'say-it-differently')),
      suggestion_text TEXT NOT NULL DEFAULT '',
      comment TEXT NOT NULL DEFAULT '',
      at TEXT NOT NULL
    );
    CREATE INDEX panel_vote_by_item ON panel_vote(item_id, member_id, id);
    CREATE INDEX panel_vote_by_member ON panel_vote(member_id, item_id);
    CREATE TRIGGER panel_vote_is_append_only_update BEFORE UPDATE ON panel_vote
      BEGIN SELECT RAISE(ABORT, 'votes are append-only'); END;
    CREATE TRIGGER panel_vote_is_append_only_delete BEFORE DELETE ON panel_vote
      BEGIN SELECT RAISE(ABORT, 'votes are append-only'); END;
    -- The domain API checks these too; the triggers keep any other writer honest.
    CREATE TRIGGER panel_vote_only_while_open BEFORE INSERT ON panel_vote
      WHEN (SELECT closed_at FROM panel_item WHERE id = NEW.item_id) IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'voting on this item has closed'); END;
    CREATE TRIGGER panel_vote_only_own_panel BEFORE INSERT ON panel_vote
      WHEN (SELECT panel_id FROM panel_item WHERE id = NEW.item_id)
        IS NOT (SELECT panel_id FROM panel_member WHERE id = NEW.member_id)
      BEGIN SELECT RAISE(ABORT, 'a member votes only in their own panel'); END;

    -- outcome 'none': no decision (quorum not reached). kind 'override': a
    -- researcher's act, with the reason they gave.
    CREATE TABLE panel_decision (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      item_id INTEGER NOT NULL REFERENCES panel_item(id),
      kind TEXT NOT NULL CHECK (kind IN ('rule', 'override')),
      outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'rejected', 'none')),
      agree INTEGER NOT NULL,
      disagree INTEGER NOT NULL,
      not_sure INTEGER NOT NULL,
      reason TEXT NOT NULL,
      at TEXT NOT NULL,
      actor TEXT NOT NULL
    );
    CREATE INDEX panel_decision_by_item ON panel_decision(item_id, id);
    CREATE TRIGGER panel_decision_is_append_only_update BEFORE UPDATE ON panel_decision
      BEGIN SELECT RAISE(ABORT, 'panel decisions are append-only'); END;
    CREATE TRIGGER panel_decision_is_append_only_delete BEFORE DELETE ON panel_decision
      BEGIN SELECT RAISE(ABORT, 'panel decisions are append-only'); END;
    """
}
