import GRDB

/// The message box's draft per session, so typing survives a restart or a crash. The new
/// session (not stored yet) has one too, under the empty key. A draft is one row, replaced
/// whole; an empty draft is no row.
extension SessionStore {
    /// The draft of `sessionID` (nil: the new session), "" when there is none.
    public func loadDraft(sessionID: String?) throws(StoreError) -> String {
        try perform {
            try writer.read { db in
                try String.fetchOne(db, sql: "SELECT text FROM draft WHERE session_key = ?", arguments: [Self.draftKey(sessionID)]) ?? ""
            }
        }
    }

    /// Keeps `text` as the draft of `sessionID` (nil: the new session); "" removes it.
    public func saveDraft(sessionID: String?, text: String) throws(StoreError) {
        try perform {
            // `write`, not the writer's own: nothing goes into a file known to be damaged.
            try write { db in
                if text.isEmpty {
                    try db.execute(sql: "DELETE FROM draft WHERE session_key = ?", arguments: [Self.draftKey(sessionID)])
                } else {
                    try db.execute(
                        sql: "INSERT INTO draft (session_key, text) VALUES (?, ?) ON CONFLICT(session_key) DO UPDATE SET text = excluded.text",
                        arguments: [Self.draftKey(sessionID), text])
                }
            }
        }
    }

    /// Session ids are never empty, so "" is free for the new session.
    private static func draftKey(_ sessionID: String?) -> String { sessionID ?? "" }
}
