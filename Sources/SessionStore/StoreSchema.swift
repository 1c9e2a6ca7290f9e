import GRDB

/// The database schema, as an ordered list of migrations. Never edit a shipped migration:
/// add a new one, so that databases written by older versions are upgraded in place.
enum StoreSchema {

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "session") { t in
                t.primaryKey("id", .text)
                t.column("title", .text).notNull()
                t.column("created_at", .integer)
                t.column("updated_at", .integer)
                t.column("parameters_json", .text)
            }
            try db.create(index: "session_on_updated_at", on: "session", columns: ["updated_at"])

            try db.create(table: "message") { t in
                t.primaryKey("id", .text)
                t.column("session_id", .text).references("session", onDelete: .cascade)
                // Position within the session, fixed at first insertion so that re-saving a
                // streaming reply never moves it.
                t.column("seq", .integer)
                t.column("role", .text)
                t.column("content", .text)
                t.column("status", .text)
                t.column("error_json", .text)
                t.column("trace_id", .text)
                t.column("document_chunks_json", .text)
                t.column("model", .text)
                t.column("parameters_json", .text)
                t.column("created_at", .integer)
            }
            try db.create(index: "message_on_session_id_seq", on: "message", columns: ["session_id", "seq"])

            // External-content FTS5 index over message.content, kept in sync by the triggers
            // GRDB installs. It is keyed by message's implicit rowid: chatterm never runs VACUUM
            // (which may renumber such rowids); whoever does must then run
            // `INSERT INTO message_fts(message_fts) VALUES('rebuild')`.
            try db.create(virtualTable: "message_fts", using: FTS5()) { t in
                t.synchronize(withTable: "message")
                t.tokenizer = .unicode61()
                t.column("content")
            }
        }
        migrator.registerMigration("v2") { db in
            // What each reply was requested with and how it streamed (issues 3 and 4). Older
            // rows have NULL here, which reads back as "not recorded".
            try db.alter(table: "message") { t in
                t.add(column: "request_json", .text)
                t.add(column: "stats_json", .text)
            }
            // Named parameter sets. The name is what the user typed, so it is the key: saving
            // under an existing name replaces that preset.
            try db.create(table: "preset") { t in
                t.primaryKey("name", .text)
                t.column("parameters_json", .text).notNull()
                t.column("updated_at", .integer).notNull()
            }
        }
        migrator.registerMigration("v3") { db in
            // The text a streaming reply gained since its last save, appended once a second
            // instead of rewriting the whole reply (and its full-text index entry) each time:
            // a long reply costs linear, not quadratic, writes. The final save folds the pieces
            // into message.content and deletes them; a reply cut off by a crash keeps them, and
            // loading joins them back on (`MessageRow.contentExpression`).
            try db.create(table: "message_tail") { t in
                t.column("message_id", .text).notNull().references("message", onDelete: .cascade)
                t.column("seq", .integer).notNull()
                t.column("text", .text).notNull()
                t.primaryKey(["message_id", "seq"])
            }
        }
        migrator.registerMigration("v4") { db in
            // What a reply carries besides its text (issue 10): the model's reasoning, the tool
            // calls it asked for, and the finish reason; for a tool result, the call it answers.
            // NULL in older rows reads as none.
            try db.alter(table: "message") { t in
                t.add(column: "reasoning", .text)
                t.add(column: "tool_calls_json", .text)
                t.add(column: "finish_reason", .text)
                t.add(column: "tool_call_id", .text)
            }
        }
        migrator.registerMigration("v5") { db in
            // Branches (issue 11): a message knows its parent, and `on_path` marks the path
            // shown, from a root to the session's active leaf. Keeping the path as a flag, not
            // walking parent ids, lets a window of a long session be read by seq on an index
            // as before. Every existing session is one chain: each message's parent is the one
            // before it, and all of it is the path.
            //
            // The full-text index follows the text only: switching branches rewrites `on_path`
            // of many rows, which must not re-index them (GRDB's trigger fires on any column).
            // Replaced first, so that the chaining below does not re-index every message.
            try db.execute(sql: """
                DROP TRIGGER "__message_fts_au";
                CREATE TRIGGER "__message_fts_au" AFTER UPDATE OF content ON message BEGIN
                    INSERT INTO message_fts(message_fts, rowid, content) VALUES('delete', old.rowid, old.content);
                    INSERT INTO message_fts(rowid, content) VALUES (new.rowid, new.content);
                END;
                """)
            try db.alter(table: "message") { t in
                t.add(column: "parent_id", .text)
                t.add(column: "on_path", .integer).notNull().defaults(to: 1)
            }
            try db.execute(sql: """
                UPDATE message SET parent_id = chain.parent
                FROM (SELECT rowid AS r, LAG(id) OVER (PARTITION BY session_id ORDER BY seq, rowid) AS parent
                      FROM message) AS chain
                WHERE message.rowid = chain.r AND chain.parent IS NOT NULL
                """)
            try db.create(index: "message_on_path", on: "message", columns: ["session_id", "on_path", "seq"])
            try db.create(index: "message_on_parent_id", on: "message", columns: ["parent_id"])
        }
        migrator.registerMigration("v6") { db in
            // Titles are searched too (a renamed session is found by its new name): an
            // external-content index over session.title, re-indexed only when the title changes
            // (a session row is updated on every save, for its time).
            try db.execute(sql: """
                CREATE VIRTUAL TABLE session_fts USING fts5(title, content='session', content_rowid='rowid', tokenize='unicode61');
                CREATE TRIGGER session_fts_ai AFTER INSERT ON session BEGIN
                    INSERT INTO session_fts(rowid, title) VALUES (new.rowid, new.title);
                END;
                CREATE TRIGGER session_fts_ad AFTER DELETE ON session BEGIN
                    INSERT INTO session_fts(session_fts, rowid, title) VALUES('delete', old.rowid, old.title);
                END;
                CREATE TRIGGER session_fts_au AFTER UPDATE OF title ON session BEGIN
                    INSERT INTO session_fts(session_fts, rowid, title) VALUES('delete', old.rowid, old.title);
                    INSERT INTO session_fts(rowid, title) VALUES (new.rowid, new.title);
                END;
                INSERT INTO session_fts(session_fts) VALUES('rebuild');
                """)
        }
        migrator.registerMigration("v7") { db in
            // The profile (config.toml's [profiles.NAME]) a session was last used with: it
            // reopens with it (issue 13). NULL for older sessions: they stay on the current one.
            try db.alter(table: "session") { t in t.add(column: "profile", .text) }
        }
        migrator.registerMigration("v8") { db in
            // The message box's draft per session ('' is the new session, not stored yet): typing
            // survives a restart or a crash. No foreign key, so the new session can have one.
            try db.create(table: "draft") { t in
                t.primaryKey("session_key", .text)
                t.column("text", .text).notNull()
            }
        }
        migrator.registerMigration("v9") { db in
            // Replies cut off by a killed chatterm (issue "the store's faults"): which running
            // chatterm writes each reply still `streaming`, as the byte of `<db>.streams` it
            // holds a lock on (`StreamOwnerLock`), so that the next open can tell a reply that
            // is still streaming in another chatterm from one whose writer is gone. The partial
            // index finds every reply saved as streaming without reading the message table.
            try db.execute(sql: """
                CREATE TABLE message_stream_owner (
                    message_id TEXT PRIMARY KEY NOT NULL REFERENCES message(id) ON DELETE CASCADE,
                    owner INTEGER NOT NULL
                );
                CREATE INDEX message_streaming ON message(session_id) WHERE status = 'streaming';
                """)
        }
        migrator.registerMigration("v10") { db in
            // MCP tools that run (issue 23): a `tool` message chatterm ran or refused keeps which
            // server and tool, how it ended and how long it took (`ToolRunRecord` as JSON; NULL:
            // typed by hand, or an older row). And the tools each session switched off in the
            // tools overlay, one row per wire name (`SERVER__TOOL`); every tool is on until then.
            try db.alter(table: "message") { t in t.add(column: "tool_run_json", .text) }
            try db.create(table: "session_tool_switches") { t in
                t.column("session_id", .text).notNull().references("session", onDelete: .cascade)
                t.column("wire_name", .text).notNull()
                t.primaryKey(["session_id", "wire_name"])
            }
        }
        return migrator
    }
}
