import ChatCore
import GRDB
import StreamProtocol

// The conversation as a tree: every message has a parent (a root has none), and `on_path`
// marks the path shown, from a root down to the session's active leaf.
//
// The path is always one chain, and a child is always saved after its parent, so along the
// path `seq` grows: "the path below message M" is exactly the rows on the path with a larger
// seq than M's. Every change of the path goes through `activatePath`, which keeps that true.

extension SessionStore {
    /// Shows the version of `messageID` that is `step` places after it (before it when
    /// negative) among its siblings, with the newest message below that version as the end of
    /// the path. Nil when there is no such sibling (or no such message). Returns the window of
    /// the new path around the version now shown.
    public func switchBranch(
        sessionID: String, from messageID: String, step: Int, limit: Int = ConversationWindow.pageSize
    ) throws(StoreError) -> BranchSwitch? {
        try perform {
            try write { db in
                guard let parent = try Row.fetchOne(
                    db, sql: "SELECT parent_id FROM message WHERE id = ? AND session_id = ?", arguments: [messageID, sessionID])
                else { return nil }
                let siblings = try Self.childIDs(of: parent["parent_id"], sessionID: sessionID, db: db)
                guard let index = siblings.firstIndex(of: messageID), siblings.indices.contains(index + step) else { return nil }
                let target = siblings[index + step]
                try activatePath(endingAt: try Self.newestDescendant(of: target, db: db), sessionID: sessionID, db: db)
                return BranchSwitch(
                    messageID: target, window: try messageWindow(sessionID: sessionID, .around(messageID: target), limit: limit, db: db))
            }
        }
    }

    /// Makes sure `messageID` is on the path shown: when it is in another branch (a search
    /// hit in an older version), the path switches to that branch, down to its newest message.
    public func showOnPath(messageID: String, sessionID: String) throws(StoreError) {
        try perform {
            try write { db in
                guard try pathSeq(of: messageID, sessionID: sessionID, db: db) == nil else { return }
                try activatePath(endingAt: try Self.newestDescendant(of: messageID, db: db), sessionID: sessionID, db: db)
            }
        }
    }

    /// The parent a new message gets from its placement: the end of the path, or the parent of
    /// the message it goes beside (the end of the path when that message is gone, so that
    /// nothing the user wrote is lost to a delete made elsewhere).
    func parentID(for placement: MessagePlacement, sessionID: String, db: Database) throws -> String? {
        let beside: String?
        switch placement {
        case .atPathEnd: beside = nil
        case let .besideMessage(id), let .besideMessageOffPath(id): beside = id
        }
        if let siblingID = beside,
           let row = try Row.fetchOne(
               db.cachedStatement(sql: "SELECT parent_id FROM message WHERE id = ? AND session_id = ?"),
               arguments: [siblingID, sessionID]) {
            return row["parent_id"]
        }
        return try Self.pathEnd(sessionID: sessionID, db: db)
    }

    /// The last message of the path shown; nil for an empty session.
    static func pathEnd(sessionID: String, db: Database) throws -> String? {
        try String.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM message WHERE session_id = ? AND on_path = 1 ORDER BY seq DESC LIMIT 1"),
            arguments: [sessionID])
    }

    /// Makes the path the chain from a root down to `leafID` (nil: an empty path), changing
    /// only the rows that differ: it walks up from the leaf until it meets the path (the fork),
    /// takes the old path below the fork off and puts the walked rows on. A leaf that does not
    /// exist leaves the path as it is.
    func activatePath(endingAt leafID: String?, sessionID: String, db: Database) throws {
        var forkSeq: Int64 = 0
        var walked: [String] = []
        if let leafID {
            let rows = try Row.fetchAll(
                db.cachedStatement(sql: """
                    WITH RECURSIVE up(id, parent_id, on_path, seq) AS (
                        SELECT id, parent_id, on_path, seq FROM message WHERE id = ? AND session_id = ?
                        UNION ALL
                        SELECT m.id, m.parent_id, m.on_path, m.seq FROM message m JOIN up ON m.id = up.parent_id
                        WHERE up.on_path = 0
                    )
                    SELECT id, on_path, seq FROM up
                    """),
                arguments: [leafID, sessionID])
            guard !rows.isEmpty else { return }
            for row in rows {
                if row["on_path"] as Int? == 1 {
                    forkSeq = row["seq"] ?? 0
                } else {
                    walked.append(row["id"] ?? "")
                }
            }
        }
        try db.cachedStatement(sql: "UPDATE message SET on_path = 0 WHERE session_id = ? AND on_path = 1 AND seq > ?")
            .execute(arguments: [sessionID, forkSeq])
        let putOn = try db.cachedStatement(sql: "UPDATE message SET on_path = 1 WHERE id = ?")
        for id in walked { try putOn.execute(arguments: [id]) }
    }

    /// The most recently made message of the subtree under `messageID` (itself when it has no
    /// children): where the path goes when that version is chosen.
    static func newestDescendant(of messageID: String, db: Database) throws -> String {
        try String.fetchOne(
            db,
            sql: """
                WITH RECURSIVE below(id, seq) AS (
                    SELECT id, seq FROM message WHERE id = ?
                    UNION ALL
                    SELECT m.id, m.seq FROM message m JOIN below ON m.parent_id = below.id
                )
                SELECT id FROM below ORDER BY seq DESC LIMIT 1
                """,
            arguments: [messageID]) ?? messageID
    }

    /// The children of `parentID` (the roots when nil) in the order they were made.
    static func childIDs(of parentID: String?, sessionID: String, db: Database) throws -> [String] {
        if let parentID {
            return try String.fetchAll(
                db.cachedStatement(sql: "SELECT id FROM message WHERE parent_id = ? ORDER BY seq, rowid"), arguments: [parentID])
        }
        return try String.fetchAll(
            db.cachedStatement(sql: "SELECT id FROM message WHERE session_id = ? AND parent_id IS NULL ORDER BY seq, rowid"),
            arguments: [sessionID])
    }

    /// Each message of `messages` that has siblings, with its place among them. `parents` holds
    /// each message's parent id (nil for a root), as read with it.
    static func branchPositions(
        of messages: [(id: String, parentID: String?)], sessionID: String, db: Database
    ) throws -> [String: BranchPosition] {
        var groups: [String?: [Row]] = [:]
        let parents = Set(messages.map(\.parentID))
        let named = parents.compactMap { $0 }
        // Bounded IN lists: SQLite allows a limited number of variables per statement.
        for start in stride(from: 0, to: named.count, by: 500) {
            let chunk = Array(named[start..<min(start + 500, named.count)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            for row in try Row.fetchAll(
                db, sql: "SELECT id, parent_id, role, parameters_json FROM message WHERE parent_id IN (\(marks)) ORDER BY seq, rowid",
                arguments: StatementArguments(chunk)) {
                groups[row["parent_id"] as String?, default: []].append(row)
            }
        }
        if parents.contains(nil) {
            groups[nil] = try Row.fetchAll(
                db, sql: "SELECT id, role, parameters_json FROM message WHERE session_id = ? AND parent_id IS NULL ORDER BY seq, rowid",
                arguments: [sessionID])
        }
        var positions: [String: BranchPosition] = [:]
        for siblings in groups.values where siblings.count > 1 {
            let first = siblings[0]
            let firstParameters = (first["role"] as String?) == "assistant"
                ? StoredJSON.decode(SessionParameters.self, from: first["parameters_json"]) : nil
            for (index, row) in siblings.enumerated() {
                positions[row["id"] ?? ""] = BranchPosition(index: index + 1, count: siblings.count, firstParameters: firstParameters)
            }
        }
        return positions
    }

    /// Messages read from rows (which include `parent_id`), each with its branch position.
    static func messagesWithBranches(_ rows: [Row], sessionID: String, db: Database) throws -> [Message] {
        var messages = rows.map(MessageRow.message(from:))
        let positions = try branchPositions(
            of: rows.map { ($0["id"] ?? "", $0["parent_id"]) }, sessionID: sessionID, db: db)
        guard !positions.isEmpty else { return messages }
        for index in messages.indices { messages[index].branch = positions[messages[index].id] }
        return messages
    }
}
