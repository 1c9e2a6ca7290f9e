import ChatCore
import ChatRuntime
import Foundation
import SessionStore
import StreamProtocol

/// The app's database answering the runtime's calls (`SessionStoring`): each one forwards to
/// `SessionStore`, the same call the runner made before it was given its store as a value.
final class LiveSessionStore: SessionStoring {
    private let store: SessionStore

    init(_ store: SessionStore) {
        self.store = store
    }

    func sessionSummary(id: String) throws -> SessionSummary? { try store.sessionSummary(id: id) }
    func loadMessageWindow(sessionID: String, _ position: WindowPosition) throws -> MessageWindow {
        try store.loadMessageWindow(sessionID: sessionID, position)
    }
    func loadParameters(sessionID: String) throws -> SessionParameters? { try store.loadParameters(sessionID: sessionID) }
    func sessionProfile(id: String) throws -> String? { try store.sessionProfile(id: id) }
    func setSessionProfile(id: String, name: String) throws { try store.setSessionProfile(id: id, name: name) }
    func listSessions(limit: Int) throws -> [SessionSummary] { try store.listSessions(limit: limit) }
    func listSessions(after last: SessionSummary, limit: Int) throws -> [SessionSummary] {
        try store.listSessions(after: last, limit: limit)
    }
    func searchSessions(_ query: String, limit: Int) throws -> [SessionSearchHit] { try store.searchSessions(query, limit: limit) }
    func messageIDs(containing needle: String, sessionID: String) throws -> [String] {
        try store.messageIDs(containing: needle, sessionID: sessionID)
    }
    func showOnPath(messageID: String, sessionID: String) throws { try store.showOnPath(messageID: messageID, sessionID: sessionID) }
    func switchBranch(sessionID: String, from messageID: String, step: Int) throws -> BranchSwitch? {
        try store.switchBranch(sessionID: sessionID, from: messageID, step: step)
    }
    func createSession(_ session: SessionSummary, parameters: SessionParameters) throws {
        try store.createSession(session, parameters: parameters)
    }
    func renameSession(id: String, title: String) throws { try store.renameSession(id: id, title: title) }
    func forkSession(_ sourceID: String, upTo lastMessageID: String?, into fork: SessionSummary) throws {
        try store.forkSession(sourceID, upTo: lastMessageID, into: fork)
    }
    func deleteSession(id: String, deletionID: String) throws { try store.deleteSession(id: id, deletionID: deletionID) }
    func deleteMessages(from messageID: String, sessionID: String, deletionID: String) throws {
        try store.deleteMessages(from: messageID, sessionID: sessionID, deletionID: deletionID)
    }
    func restoreDeletion(_ deletionID: String) throws -> Bool { try store.restoreDeletion(deletionID) }
    func saveMessage(_ message: Message, sessionID: String) throws { try store.saveMessage(message, sessionID: sessionID) }
    func saveParameters(_ parameters: SessionParameters, sessionID: String, updatedAtMillis: Int64) throws {
        try store.saveParameters(parameters, sessionID: sessionID, updatedAtMillis: updatedAtMillis)
    }
    func loadRequestHistory(sessionID: String, before endMessageID: String?) throws -> [Message] {
        try store.loadRequestHistory(sessionID: sessionID, before: endMessageID)
    }
    func loadSentRequest(messageID: String) throws -> SentRequest? { try store.loadSentRequest(messageID: messageID) }
    func listPresets() throws -> [Preset] { try store.listPresets() }
    func savePreset(_ preset: Preset, updatedAtMillis: Int64) throws { try store.savePreset(preset, updatedAtMillis: updatedAtMillis) }
    func deletePreset(name: String) throws { try store.deletePreset(name: name) }
    func saveDraft(sessionID: String?, text: String) throws { try store.saveDraft(sessionID: sessionID, text: text) }
    func loadDraft(sessionID: String?) throws -> String { try store.loadDraft(sessionID: sessionID) }
    func loadToolSwitches(sessionID: String) throws -> [String] { try store.loadToolSwitches(sessionID: sessionID) }
    func saveToolSwitches(sessionID: String, switchedOff: [String]) throws {
        try store.saveToolSwitches(sessionID: sessionID, switchedOff: switchedOff)
    }
    func exportData(sessionID: String, asJSON: Bool) throws -> Data {
        try SessionExport.data(of: sessionID, format: asJSON ? .json : .markdown, store: store)
    }
    func outsideChangeCount() throws -> Int { try store.outsideChangeCount() }
    func whenDamageFound(_ handler: @escaping @Sendable (any Error) -> Void) { store.whenDamageFound { handler($0) } }
    func waitingReason(_ error: any Error) -> String? {
        guard let storeError = error as? StoreError else { return nil }
        switch storeError.kind {
        case .locked: return "database locked by another process"
        case .readOnly: return "database is read-only"
        case .diskFull: return "disk full"
        case .cannotOpen: return "database cannot be opened"
        // Nothing more is written to a damaged file; kept, the writes reach the recovery file at quit.
        case .corrupt: return "database is damaged"
        case .newerSchema, .other: return nil
        }
    }
}
