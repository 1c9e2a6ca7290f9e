import GRDB

// What the store tests need to reach inside: locks held, writes refused, raw SQL, checkpoints.
extension SessionStore {
    /// Runs `body` while this store holds an exclusive write transaction, so that another store
    /// on the same file sees it locked. Rolled back afterwards.
    func holdingExclusiveLockForTesting(_ body: () throws -> Void) throws {
        try writer.writeWithoutTransaction { db in
            try db.inTransaction(.exclusive) {
                try body()
                return .rollback
            }
        }
    }

    /// Forbids the database file from growing beyond its current size on the writing
    /// connection, so the next write that needs a new page fails with SQLITE_FULL.
    func limitGrowthForTesting() throws {
        try writer.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 1
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
        }
    }
}

extension SessionStore {
    /// Makes the writing connection refuse writes with SQLITE_READONLY.
    func makeReadOnlyForTesting() throws {
        try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA query_only = 1") }
    }

    /// Runs `body` on a read of the database, for tests that check what is stored.
    func readForTesting(_ body: (Database) throws -> Void) throws {
        try writer.read { db in try body(db) }
    }

    /// Runs raw SQL on the writer, for tests that must put what a newer version or a hand edit
    /// might leave in the file.
    func executeForTesting(sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try write { db in try db.execute(sql: sql, arguments: arguments) }
    }
}

extension SessionStore {
    /// The raw `request_json` of a message, to check which form was stored.
    func storedRequestJSONForTesting(messageID: String) throws -> String? {
        try writer.read { db in
            try String.fetchOne(db, sql: "SELECT request_json FROM message WHERE id = ?", arguments: [messageID])
        }
    }

    /// Moves everything in the WAL into the database file, so its size says what is stored.
    func checkpointForTesting() throws {
        try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    /// Bytes of all stored request records.
    func storedRequestBytesForTesting() throws -> Int {
        try writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(LENGTH(CAST(request_json AS BLOB))), 0) FROM message") ?? 0
        }
    }
}
