import ArgumentParser
import ChatCore
import Foundation
import ScriptMode
import SessionStore

/// `chatterm sessions list|search|show|delete`: the stored sessions from the shell. A session
/// is named by its id or an unambiguous prefix of it (as `sessions list` prints them).
struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List, search, show and delete stored sessions.",
        subcommands: [List.self, Search.self, Show.self, Delete.self])

    /// The database the options and the config file point at, opened; `forReading` for the
    /// subcommands that only read (list, search, show, export), which never write to it.
    static func openStore(_ connection: ConnectionOptions, forReading: Bool = false) throws -> SessionStore {
        let environment = ProcessInfo.processInfo.environment
        let file = try connection.configFile(environment: environment)
        let path = connection.databasePath ?? file?.databasePath ?? SessionStore.defaultPath(environment: environment)
        do {
            return forReading ? try SessionStore.openForReading(path: path) : try SessionStore(path: path)
        } catch {
            throw CommandFailure.store(error)
        }
    }

    /// After a reading subcommand: damage the integrity check (still going on in a large
    /// file) has found by now fails it with the damaged database's status, as at open.
    static func requireNoDamageFound(_ store: SessionStore) throws {
        if let damage = store.damage { throw CommandFailure.store(damage) }
    }

    static func resolve(_ reference: String, in store: SessionStore) throws -> String {
        do {
            return try SessionReference.resolve(reference, in: store, flag: "session")
        } catch let problem as SessionReference.Problem {
            throw ValidationError(problem.description)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sessions, most recently active first.")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "At most this many (default 50).") var limit = 50
        @Flag(help: "One JSON object per line (id, title, created_at, updated_at, messages, model).") var json = false

        func validate() throws {
            if limit < 1 { throw ValidationError("--limit must be at least 1.") }
        }

        func run() throws {
            let store = try SessionsCommand.openStore(connection, forReading: true)
            let listings = try store.listSessionListings(limit: limit)
            try SessionsCommand.requireNoDamageFound(store)
            print(SessionsText.list(listings, json: json), terminator: "")
        }
    }

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Messages containing every word of QUERY (as word prefixes), best matches first; for a common word, the newest sessions first, up to 3 messages each.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "Words to find; any text is safe (it is never read as search syntax).") var query: [String]
        @Option(help: "At most this many (default 20).") var limit = 20
        @Flag(help: "One JSON object per line (session, message_id, title, snippet).") var json = false

        func validate() throws {
            // As `sessions list`: a limit below 1 is a mistake, not "one".
            if limit < 1 { throw ValidationError("--limit must be at least 1.") }
        }

        func run() throws {
            let store = try SessionsCommand.openStore(connection, forReading: true)
            let found = try store.searchMessagesBySession(query.joined(separator: " "), limit: limit)
            var titles: [String: String] = [:]
            for hit in found where titles[hit.sessionID] == nil {
                titles[hit.sessionID] = try store.sessionSummary(id: hit.sessionID)?.title ?? ""
            }
            let hits = found.map {
                SessionsText.Hit(sessionID: $0.sessionID, messageID: $0.messageID, title: titles[$0.sessionID] ?? "", snippet: $0.snippet)
            }
            try SessionsCommand.requireNoDamageFound(store)
            print(SessionsText.hits(hits, json: json), terminator: "")
            if hits.isEmpty && !json { FileHandle.standardError.write(Data("chatterm: no message matches.\n".utf8)) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A session's conversation as Markdown.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The session's id or an unambiguous prefix of it.") var session: String
        @Flag(help: "Keep terminal escape sequences in the text (they are removed by default).") var raw = false

        func run() throws {
            let store = try SessionsCommand.openStore(connection, forReading: true)
            let id = try SessionsCommand.resolve(session, in: store)
            let text = ConversationMarkdown.text(of: try store.loadMessages(sessionID: id))
            try SessionsCommand.requireNoDamageFound(store)
            print(raw ? text : TerminalEscapeStripper.stripped(text), terminator: "")
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a session and all its messages.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The session's id or an unambiguous prefix of it.") var session: String

        func run() throws {
            let store = try SessionsCommand.openStore(connection)
            let id = try SessionsCommand.resolve(session, in: store)
            let title = try store.sessionSummary(id: id)?.title ?? ""
            let count = try store.messageCount(sessionID: id)
            try store.deleteSession(id: id)
            let named = title.isEmpty ? "" : " “\(TerminalEscapeStripper.stripped(title))”"
            FileHandle.standardError.write(Data("chatterm: deleted session \(id)\(named) (\(count) message\(count == 1 ? "" : "s")).\n".utf8))
        }
    }
}
