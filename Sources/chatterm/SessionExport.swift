import ChatCore
import Foundation
import SessionStore
import StreamProtocol

/// Writing a session out, for `chatterm export` and `x` in the sessions pane.
enum SessionExport {
    enum Format: Sendable, Equatable {
        case markdown, json
    }

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    static func describe(_ error: any Error) -> String {
        (error as? Problem)?.description ?? error.localizedDescription
    }

    static func data(of sessionID: String, format: Format, store: SessionStore) throws -> Data {
        switch format {
        case .json:
            guard let archive = try store.exportArchive(sessionID: sessionID) else { throw Problem(description: "no session \(sessionID)") }
            var data = try archive.encoded()
            data.append(0x0A)
            return data
        case .markdown:
            guard let summary = try store.sessionSummary(id: sessionID) else { throw Problem(description: "no session \(sessionID)") }
            let text = ConversationMarkdown.document(
                title: summary.title, sessionID: sessionID,
                parameters: try store.loadParameters(sessionID: sessionID) ?? SessionParameters(),
                messages: try store.loadMessages(sessionID: sessionID))
            return Data(text.utf8)
        }
    }

    /// Written whole to a temporary file beside the target, then renamed over it: a full disk
    /// or a crash leaves the old file (or none), never half of one. Mode 0600: conversations
    /// are private. Failures are the system's words ("permission denied"), never a Foundation
    /// error domain.
    static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Problem(description: TextFile.reason(errno)) }
        var failure: Int32?
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let count = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += count
            }
        }
        if failure == nil && fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0 && failure == nil { failure = errno }
        if failure == nil && rename(temporary, path) != 0 { failure = errno }
        if let failure {
            unlink(temporary)
            throw Problem(description: TextFile.reason(failure))
        }
    }
}

/// Reading sessions in, for `chatterm import`.
enum SessionImport {
    /// ChatGPT's conversations.json of a long-time user runs to hundreds of MB.
    static let maximumBytes = 2 << 30

    static func run(_ data: Data, into store: SessionStore) throws -> [ImportOutcome] {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let conversations = try ConversationFile.read(data, now: now, freshID: { UUID().uuidString.lowercased() })
        return try conversations.map { try store.importConversation($0) }
    }

    /// One line per session, then what was skipped, indented.
    static func report(_ outcomes: [ImportOutcome], file: String) -> String {
        var lines: [String] = []
        let stored = outcomes.filter { !$0.alreadyStored }
        lines.append("chatterm: \(file): imported \(stored.count) session\(stored.count == 1 ? "" : "s")"
            + " (\(stored.reduce(0) { $0 + $1.messageCount }) messages)"
            + (stored.count < outcomes.count ? ", \(outcomes.count - stored.count) already stored" : "") + ".")
        for outcome in outcomes {
            let title = outcome.title.isEmpty ? "(untitled)" : outcome.title
            let what = outcome.alreadyStored ? "already stored, left as it is" : "\(outcome.messageCount) messages"
            lines.append("  \(outcome.sessionID.prefix(8))  \(title): \(what)")
            for reason in outcome.skipped { lines.append("    skipped: \(reason)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func describe(_ error: any Error) -> String {
        if let problem = error as? ConversationFile.Problem { return problem.description }
        if let store = error as? StoreError { return "\(store)" }
        return error.localizedDescription
    }
}
