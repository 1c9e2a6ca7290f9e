import GRDB

/// The MCP tools a session switched off in the tools overlay, by wire name (`SERVER__TOOL`).
/// Every tool is on until switched off, so a session without rows offers them all; a row
/// naming a tool no server lists any more is harmless (nothing matches it).
extension SessionStore {
    /// The wire names `sessionID` switched off, sorted.
    public func loadToolSwitches(sessionID: String) throws(StoreError) -> [String] {
        try perform {
            try writer.read { db in
                try String.fetchAll(
                    db, sql: "SELECT wire_name FROM session_tool_switches WHERE session_id = ? ORDER BY wire_name",
                    arguments: [sessionID])
            }
        }
    }

    /// Replaces the session's switched-off tools with `switchedOff` (whole: the reducer keeps
    /// the set and sends it after each change).
    public func saveToolSwitches(sessionID: String, switchedOff: [String]) throws(StoreError) {
        try perform {
            // `write`, not the writer's own: nothing goes into a file known to be damaged.
            try write { db in
                guard try Self.sessionExists(db, id: sessionID) else {
                    throw StoreError.missingSession(sessionID, path: path)
                }
                try db.execute(sql: "DELETE FROM session_tool_switches WHERE session_id = ?", arguments: [sessionID])
                for name in Set(switchedOff).sorted() {
                    try db.execute(
                        sql: "INSERT INTO session_tool_switches (session_id, wire_name) VALUES (?, ?)", arguments: [sessionID, name])
                }
            }
        }
    }
}
