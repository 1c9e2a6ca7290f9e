import ChatCore
import Deterministic
import Foundation
import GRDB
import StreamProtocol

/// Sessions, their messages and parameters in one SQLite file (GRDB).
///
/// Every method is synchronous and may be called from any thread: GRDB serializes writes and,
/// with a `DatabasePool` in WAL mode, lets reads run concurrently without waiting for the
/// streaming writer. Every method throws only `StoreError`, whose message is meant for the user.
///
/// Durability: the database runs in WAL mode with `synchronous = NORMAL`. A write is committed
/// when its method returns, so it survives a crash or kill of chatterm itself. A power loss or
/// OS crash may lose the last few commits (never corrupting the file), because the WAL is synced
/// at checkpoints rather than on every commit. That is the trade-off for saving a streaming
/// reply every second without an fsync each time; replies can be regenerated, a hung UI cannot
/// be taken back.
///
/// API keys are never stored: no table has a column for them.
public final class SessionStore: Sendable {
    static let inMemoryPath = ":memory:"

    /// The file path, or `:memory:`; quoted in error messages.
    public let path: String
    let busyTimeoutSeconds: Double
    let writer: any DatabaseWriter
    /// Whether the file is known to be damaged; see `write(_:)`.
    let integrity: IntegrityWatch
    /// The lock that tells other chatterms this store's streaming replies are alive; nil in
    /// memory (no other process can see those) or when the lock file cannot be made.
    let streamOwner: StreamOwnerLock?

    /// `$XDG_DATA_HOME/chatterm/chatterm.sqlite` when `XDG_DATA_HOME` is an absolute path,
    /// otherwise `$HOME/.local/share/chatterm/chatterm.sqlite`.
    public static func defaultPath(environment: [String: String]) -> String {
        StorePaths.defaultPath(environment: environment)
    }

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// Missing directories are created with mode 0700 and a new file with mode 0600.
    /// `busyTimeoutSeconds` is how long a write waits for another process's lock before
    /// failing with `.locked`.
    /// The file is checked for damage first (see `IntegrityWatch`): damage found then fails
    /// the open, and nothing in the file is changed.
    public convenience init(path: String, busyTimeoutSeconds: Double = 3) throws(StoreError) {
        try self.init(path: path, busyTimeoutSeconds: busyTimeoutSeconds, checkAtOpen: true)
    }

    /// Opens the database at `path` for reading only (`chatterm sessions list`, `search`,
    /// `show`, `export`): an up-to-date file is opened on read-only connections, so nothing
    /// is written to it, not even the cut-off replies' marks; any write fails. A file not
    /// there yet or older than this version is opened as by `init(path:)` (made, migrated).
    /// Damage is found as by `init(path:)`: at open for a file of at most 16 MiB; in a larger
    /// one the check goes on in the background, and `damage` says what it found so far.
    public static func openForReading(path: String, busyTimeoutSeconds: Double = 3) throws(StoreError) -> SessionStore {
        try SessionStore(path: path, busyTimeoutSeconds: busyTimeoutSeconds, checkAtOpen: true, readingOnly: true)
    }

    /// `checkAtOpen` false leaves the whole integrity check to the background, as a file too
    /// large to check within the budget has it; for tests of that path.
    init(path: String, busyTimeoutSeconds: Double, checkAtOpen: Bool, readingOnly: Bool = false) throws(StoreError) {
        self.path = path
        self.busyTimeoutSeconds = busyTimeoutSeconds
        try StorePaths.preparePrivateFile(at: path)
        // Whether every migration is applied: a reading open then opens read-only connections.
        var upToDate = false
        do {
            // A file from a later chatterm is never migrated or written (its rows may mean
            // things this version does not know), so it is checked on a read-only connection
            // before the pool, which may write while it sets the file up, opens it.
            let migrator = StoreSchema.migrator
            // One process at a time checks and migrates the schema (see `MigrationLock`).
            let lock = MigrationLock(databasePath: path)
            defer { lock?.release() }
            if FileManager.default.fileExists(atPath: path) {
                // Before any connection: see there why an open would write without it.
                StorePaths.prepareWriteAheadLog(forDatabaseAt: path)
                var readOnly = Self.configuration(busyTimeoutSeconds)
                readOnly.readonly = true
                let check = try DatabaseQueue(path: path, configuration: readOnly)
                let unknown = try check.read { db in try migrator.appliedIdentifiers(db).subtracting(migrator.migrations) }
                upToDate = try check.read { db in try migrator.hasCompletedMigrations(db) }
                if !unknown.isEmpty {
                    try check.close()
                    throw StoreError.newerSchema(path: path, unknown: Array(unknown))
                }
                // Damage inside the file is found before the migration or the pool writes.
                let verdict: IntegrityWatch.Verdict = try checkAtOpen && IntegrityWatch.checksAtOpen(fileAt: path)
                    ? IntegrityWatch.check(check, budget: IntegrityWatch.openBudget) : .unfinished
                try check.close()
                if let damage = verdict.damage(path: path) { throw damage }
                if verdict == .unfinished {
                    integrity = IntegrityWatch(finished: false)
                    integrity.finishInBackground(path: path, configuration: readOnly, busyTimeoutSeconds: busyTimeoutSeconds)
                } else {
                    integrity = IntegrityWatch()
                }
            } else {
                integrity = IntegrityWatch()
            }
            if readingOnly && upToDate {
                // Read-only connections: SQLite itself refuses any write, and GRDB does not
                // set up the journal (a write) as it does for a pool that may write.
                var readOnly = Self.configuration(busyTimeoutSeconds)
                readOnly.readonly = true
                writer = try DatabasePool(path: path, configuration: readOnly)
            } else {
                let pool = try DatabasePool(path: path, configuration: Self.configuration(busyTimeoutSeconds))
                // A migration writes: into a file being checked, only once it is found sound.
                if try !pool.read({ db in try migrator.hasCompletedMigrations(db) }) { try integrity.requireSound() }
                try migrator.migrate(pool)
                writer = pool
            }
        } catch {
            throw StoreError.from(error, path: path, busyTimeoutSeconds: busyTimeoutSeconds)
        }
        if readingOnly && upToDate {
            // Marking cut-off replies writes; a reading open leaves them to the next open
            // that may write (exports say `streaming` for such a reply meanwhile).
            streamOwner = nil
            return
        }
        streamOwner = StreamOwnerLock(databasePath: path)
        // Not a reason to refuse the file: a reply left streaming is only mislabelled.
        try? markCutOffReplies()
    }

    private init(inMemoryWith busyTimeoutSeconds: Double) throws(StoreError) {
        path = Self.inMemoryPath
        self.busyTimeoutSeconds = busyTimeoutSeconds
        integrity = IntegrityWatch()
        streamOwner = nil
        do {
            let queue = try DatabaseQueue(configuration: Self.configuration(busyTimeoutSeconds))
            try StoreSchema.migrator.migrate(queue)
            writer = queue
        } catch {
            throw StoreError.from(error, path: Self.inMemoryPath, busyTimeoutSeconds: busyTimeoutSeconds)
        }
    }

    /// A private database that lives as long as the returned store; for tests and previews.
    public static func inMemory() throws(StoreError) -> SessionStore {
        try SessionStore(inMemoryWith: 3)
    }

    private static func configuration(_ busyTimeoutSeconds: Double) -> Configuration {
        var configuration = Configuration()
        configuration.label = "chatterm.SessionStore"
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeoutSeconds)
        configuration.prepareDatabase { db in
            // See the type's documentation for why NORMAL rather than FULL.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return configuration
    }

    /// Closes the database; any later call fails. Closing also happens when the store is released.
    /// A store found damaged is not closed (nor when released): closing would checkpoint the
    /// WAL into the damaged file (see `KeptOpenConnections`). It reads on; writes stay refused.
    public func close() throws(StoreError) {
        checkBeforeClosing()
        if integrity.knownDamage != nil {
            KeptOpenConnections.keep(writer)
            return
        }
        try perform { try writer.close() }
    }

    /// A last look before the close, which copies the write-ahead log into the file: damage
    /// made while the store was open and never met by a read (another program, the disk) is
    /// found before that write, in a file small enough to be checked at open. Any damage found
    /// keeps the connections open (`close`), so the file is left as it was.
    public func checkBeforeClosing() {
        guard integrity.knownDamage == nil, IntegrityWatch.checksAtOpen(fileAt: path) else { return }
        if let verdict = try? IntegrityWatch.check(writer, budget: IntegrityWatch.closeBudget),
           let damage = verdict.damage(path: path) {
            integrity.record(damage: damage)
        }
    }

    deinit {
        if integrity.knownDamage != nil { KeptOpenConnections.keep(writer) }
    }

    // MARK: - Sessions

    /// Adds a new session. Fails if a session with the same id exists.
    public func createSession(_ session: SessionSummary, parameters: SessionParameters) throws(StoreError) {
        try perform {
            let parametersJSON = try StoredJSON.encode(parameters)
            try write { db in try insertSession(session, parametersJSON: parametersJSON, db: db) }
        }
    }

    /// Adds a whole session with its messages, in order, in one transaction: all of it or, on
    /// any failure, none. For sessions that come from elsewhere (an import, a benchmark's
    /// generated history), where a transaction per message would take minutes.
    public func importSession(_ session: SessionSummary, parameters: SessionParameters, messages: [Message]) throws(StoreError) {
        try perform {
            let parametersJSON = try StoredJSON.encode(parameters)
            try write { db in
                try insertSession(session, parametersJSON: parametersJSON, db: db)
                for message in messages {
                    let requestJSON = try RequestRecord.storedJSON(for: message.request, sessionID: session.id, db: db)
                    try upsert(message, values: try MessageRow.values(of: message, requestJSON: requestJSON), sessionID: session.id, db: db)
                }
            }
        }
    }

    private func insertSession(_ session: SessionSummary, parametersJSON: String?, db: Database) throws {
        if try Self.sessionExists(db, id: session.id) {
            throw StoreError(
                kind: .other,
                message: "\(StoreError.describe(path: path)) already has a session with id \(session.id)."
            )
        }
        try db.execute(
            sql: """
                INSERT INTO session (id, title, created_at, updated_at, parameters_json)
                VALUES (?, ?, ?, ?, ?)
                """,
            arguments: [
                session.id, session.title, session.createdAtMillis, session.updatedAtMillis, parametersJSON,
            ]
        )
    }

    /// Deletes a session and, by cascade, its messages and their search entries.
    /// Deleting a session that does not exist is not an error.
    public func deleteSession(id: String) throws(StoreError) {
        try perform {
            try write { db in
                try db.execute(sql: "DELETE FROM session WHERE id = ?", arguments: [id])
            }
        }
    }

    // MARK: - Parameters

    /// The session's parameters; nil when there is no such session. Unreadable stored
    /// parameters come back as all-unset rather than failing the whole session.
    public func loadParameters(sessionID: String) throws(StoreError) -> SessionParameters? {
        try perform {
            try writer.read { db in
                guard let row = try Row.fetchOne(
                    db, sql: "SELECT parameters_json FROM session WHERE id = ?", arguments: [sessionID]
                ) else { return nil }
                return StoredJSON.decode(SessionParameters.self, from: row["parameters_json"]) ?? SessionParameters()
            }
        }
    }

    /// Replaces the session's parameters. `updated_at` becomes `updatedAtMillis` unless it is
    /// already later: the list order never goes backwards because of a skewed clock.
    public func saveParameters(
        _ parameters: SessionParameters, sessionID: String, updatedAtMillis: Int64
    ) throws(StoreError) {
        try perform {
            let parametersJSON = try StoredJSON.encode(parameters)
            try write { db in
                try db.execute(
                    sql: """
                        UPDATE session SET parameters_json = ?, updated_at = MAX(COALESCE(updated_at, 0), ?)
                        WHERE id = ?
                        """,
                    arguments: [parametersJSON, updatedAtMillis, sessionID]
                )
                if db.changesCount == 0 { throw StoreError.missingSession(sessionID, path: path) }
            }
        }
    }

    // MARK: - Messages

    /// The session's messages on the path shown, in conversation order, without their
    /// requests (`request` is nil): see `loadSentRequest(messageID:)`.
    public func loadMessages(sessionID: String) throws(StoreError) -> [Message] {
        try perform {
            try writer.read { db in
                let rows = try Row.fetchAll(
                    db,
                    sql: "SELECT \(MessageRow.loadedColumns) FROM message WHERE session_id = ? AND on_path = 1 ORDER BY seq, rowid",
                    arguments: [sessionID])
                return try Self.messagesWithBranches(rows, sessionID: sessionID, db: db)
            }
        }
    }

    /// The request message `messageID` was sent with; nil when there is no such message, it
    /// was stored before v2 recorded requests, or the record is unreadable (all of which the
    /// inspector shows as "not recorded"). The body is the exact bytes sent, rebuilt from the
    /// stored history (see `RequestRecord`); when a message it carried was deleted or changed
    /// since, the request comes back with `historyUnavailable` and no body rather than a wrong one.
    public func loadSentRequest(messageID: String) throws(StoreError) -> SentRequest? {
        try perform {
            try writer.read { db in
                guard let row = try Row.fetchOne(
                    db, sql: "SELECT session_id, request_json FROM message WHERE id = ?", arguments: [messageID])
                else { return nil }
                return try RequestRecord.load(row["request_json"], sessionID: row["session_id"] ?? "", db: db)
            }
        }
    }

    /// Inserts the message, or updates it in place if its id was saved before; called again and
    /// again while a reply streams, so it is one short transaction of cached statements.
    /// A new message goes after all earlier ones; an updated one keeps its place.
    /// Also moves the session's `updated_at` up to the message's time, and titles an untitled
    /// session after its first user message.
    public func saveMessage(_ message: Message, sessionID: String) throws(StoreError) {
        try perform {
            try write { db in
                if message.status == .streaming, try appendStreamingText(message, sessionID: sessionID, db: db) {
                    try touchSession(sessionID, after: message, db: db)
                    return
                }
                let requestJSON = try RequestRecord.storedJSON(for: message.request, sessionID: sessionID, db: db)
                let values = try MessageRow.values(of: message, requestJSON: requestJSON)
                try upsert(message, values: values, sessionID: sessionID, db: db)
                try touchSession(sessionID, after: message, db: db)
                try recordStreamOwner(of: message, db: db)
                // What the next save of a streaming reply may append to (nothing once it ended).
                streamingTails[message.id] = message.status == .streaming
                    ? StreamingTails.Written(
                        sessionID: sessionID, bytes: message.content.utf8.count, hash: FNV1a.hash(message.content.utf8), lastSeq: 0,
                        besidesText: StreamingTails.besidesText(of: message))
                    : nil
            }
        }
    }

    private func upsert(
        _ message: Message, values: [DatabaseValueConvertible?], sessionID: String, db: Database
    ) throws {
        let owner = try String.fetchOne(
            db.cachedStatement(sql: "SELECT session_id FROM message WHERE id = ?"), arguments: [message.id]
        )
        if let owner {
            guard owner == sessionID else {
                throw StoreError(
                    kind: .other,
                    message: "\(StoreError.describe(path: path)) already has message \(message.id) in another session."
                )
            }
            try db.cachedStatement(sql: "UPDATE message SET \(MessageRow.updateAssignments) WHERE id = ?")
                .execute(arguments: StatementArguments(values + [message.id]))
            // The whole text is in content now: the streaming pieces are folded in.
            try db.cachedStatement(sql: "DELETE FROM message_tail WHERE message_id = ?").execute(arguments: [message.id])
            return
        }
        guard try Self.sessionExists(db, id: sessionID) else {
            throw StoreError.missingSession(sessionID, path: path)
        }
        // A new message goes off the path first; making it the path's end then takes off
        // whatever the path had below its parent (the old branch, when it is an edit or a
        // regenerated reply) and keeps the path one chain.
        let parentID = try parentID(for: message.placement, sessionID: sessionID, db: db)
        let columns = (["id", "session_id", "seq", "parent_id", "on_path"] + MessageRow.contentColumns).joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: MessageRow.contentColumns.count).joined(separator: ", ")
        try db.cachedStatement(
            sql: """
                INSERT INTO message (\(columns))
                VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM message WHERE session_id = ?), ?, 0, \(placeholders))
                """
        ).execute(arguments: StatementArguments([message.id, sessionID, sessionID, parentID] + values))
        // Compare's other columns stay beside the first column's reply, off the path, so a run
        // closed (or quit) without a pick reopens on column 1, as it was shown.
        if case .besideMessageOffPath = message.placement { return }
        try activatePath(endingAt: message.id, sessionID: sessionID, db: db)
    }

    private func touchSession(_ sessionID: String, after message: Message, db: Database) throws {
        let title = message.role == .user ? SessionTitle.make(fromFirstUserMessage: message.content) : ""
        try db.cachedStatement(
            sql: """
                UPDATE session SET
                    updated_at = MAX(COALESCE(updated_at, 0), ?),
                    title = CASE WHEN title = '' THEN ? ELSE title END
                WHERE id = ?
                """
        ).execute(arguments: [message.createdAtMillis, title, sessionID])
    }

    static func sessionExists(_ db: Database, id: String) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM session WHERE id = ?)"), arguments: [id]
        ) ?? false
    }

    // MARK: - Plumbing

    /// What this store last wrote of each reply still streaming.
    let streamingTails = StreamingTails()
    /// Messages deleted while this store is open, kept for an undo.
    let deletions = Deletions()

    /// Runs `body`, turning whatever it throws into a `StoreError` that names this database.
    /// Damage met here, on a read or a write, stops every later write.
    func perform<T>(_ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch {
            let mapped = StoreError.from(error, path: path, busyTimeoutSeconds: busyTimeoutSeconds)
            if mapped.kind == .corrupt { integrity.record(damage: mapped) }
            throw mapped
        }
    }

    /// A write transaction, made only in a file not known to be damaged: it waits for the
    /// integrity check begun at open, and throws the damage it or any earlier call found.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try integrity.requireSound()
        return try writer.write(body)
    }

    /// Damage found in the file since it was opened (by the check or by any call), if any.
    /// Nothing is written to a damaged file; the caller may offer to move it aside.
    public var damage: StoreError? { integrity.knownDamage }

    /// Calls `handler` once with the first damage found in the file (by the background check,
    /// a read or a write), on the thread that found it; at once if it is known already.
    public func whenDamageFound(_ handler: @escaping @Sendable (StoreError) -> Void) {
        integrity.whenDamageFound(handler)
    }

    /// Waits for the integrity check begun at open and throws the damage it found, so that a
    /// caller can refuse to start work it could not store (`chatterm ask`).
    public func requireSound() throws(StoreError) {
        try integrity.requireSound()
    }
}
