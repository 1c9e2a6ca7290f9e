import ChatCore
import Foundation
import StreamProtocol

/// A conversation read from a file, ready to be stored as a session: its messages as a tree
/// (each after its parent), which of them form the path shown, and what the reader left out.
public struct ImportedConversation: Sendable, Equatable {
    public struct Node: Sendable, Equatable {
        public var message: Message
        public var parentID: String?
        public var onPath: Bool

        public init(message: Message, parentID: String?, onPath: Bool) {
            self.message = message
            self.parentID = parentID
            self.onPath = onPath
        }
    }

    /// The id the session is stored under (the archived one, or one made from the source's).
    public var sessionID: String
    public var title: String
    public var createdAtMillis: Int64
    public var updatedAtMillis: Int64
    public var parameters: SessionParameters
    public var nodes: [Node]
    /// What was left out and why, one sentence each ("message 12: an image, not text").
    public var skipped: [String]

    public init(
        sessionID: String, title: String, createdAtMillis: Int64, updatedAtMillis: Int64,
        parameters: SessionParameters = SessionParameters(), nodes: [Node], skipped: [String] = []
    ) {
        self.sessionID = sessionID
        self.title = title
        self.createdAtMillis = createdAtMillis
        self.updatedAtMillis = updatedAtMillis
        self.parameters = parameters
        self.nodes = nodes
        self.skipped = skipped
    }

    /// A list of messages in order: one chain, all of it the path.
    static func chain(_ messages: [Message]) -> [Node] {
        var previous: String?
        return messages.map { message in
            defer { previous = message.id }
            return Node(message: message, parentID: previous, onPath: true)
        }
    }
}

/// Which format a file is in, and its conversations. Unknown shapes are an error that says
/// which formats are read.
public enum ConversationFile {
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// `now` dates what the file does not (an OpenAI messages array has no times); `freshID`
    /// names a session whose file gives it no id.
    public static func read(_ data: Data, now: Int64, freshID: () -> String) throws -> [ImportedConversation] {
        if let archives = decodeArchives(data) {
            return archives.map(\.conversation)
        }
        guard let json = JSONValue.parse(utf8: [UInt8](data)) else {
            throw Problem(description: "not JSON (chatterm export, OpenAI messages or ChatGPT conversations.json)")
        }
        if let problem = unreadableArchive(json) { throw problem }
        if ChatGPTExport.looksLike(json) {
            return ChatGPTExport.conversations(in: json)
        }
        if let conversation = OpenAIMessages.conversation(in: json, now: now, sessionID: freshID()) {
            return [conversation]
        }
        throw Problem(description: "neither a chatterm export, an OpenAI messages array nor a ChatGPT conversations.json")
    }

    /// A file that says it is a chatterm export (its `format`) but did not decode as one: from
    /// a newer chatterm whose format this one cannot read, or damaged. Said as such, not as "an
    /// unknown format", so the user knows to upgrade or which part is wrong.
    private static func unreadableArchive(_ json: JSONValue) -> Problem? {
        let first: JSONValue
        if case let .array(items) = json, let item = items.first { first = item } else { first = json }
        guard first["format"]?.stringValue == SessionArchive.formatName else { return nil }
        if let version = first["version"]?.intValue, version > SessionArchive.currentVersion {
            return Problem(description: "a chatterm export from a newer chatterm (format version \(version); this one reads "
                + "version \(SessionArchive.currentVersion)): import it with the newer chatterm")
        }
        return Problem(description: "a chatterm export, but damaged: a session needs format, version, session "
            + "(id, title, createdAt, updatedAt) and messages, each as written by `chatterm export`")
    }

    private static func decodeArchives(_ data: Data) -> [SessionArchive]? {
        let decoder = JSONDecoder()
        if let one = try? decoder.decode(SessionArchive.self, from: data), one.format == SessionArchive.formatName {
            return [one]
        }
        if let many = try? decoder.decode([SessionArchive].self, from: data), !many.isEmpty,
           many.allSatisfy({ $0.format == SessionArchive.formatName }) {
            return many
        }
        return nil
    }
}

extension SessionArchive {
    /// Every message as it was archived, ids kept.
    var conversation: ImportedConversation {
        var skipped: [String] = []
        if version > Self.currentVersion {
            skipped.append("written by a later chatterm (format version \(version)): fields it added are left out")
        }
        return ImportedConversation(
            sessionID: session.id, title: session.title, createdAtMillis: session.createdAt, updatedAtMillis: session.updatedAt,
            parameters: session.parameters ?? SessionParameters(),
            nodes: messages.map { ImportedConversation.Node(message: $0.message, parentID: $0.parentID, onPath: $0.onPath) },
            skipped: skipped)
    }
}
