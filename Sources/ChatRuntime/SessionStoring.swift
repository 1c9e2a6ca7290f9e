import ChatCore
import Foundation
import StreamProtocol

/// What the effect runner asks of the session database: the calls the effects need and no
/// more. The app's `SessionStore` answers them (wired in the executable); unit tests give a fake
/// that answers only what a test sends. Every call is made on one of the runner's queues, never
/// on the main thread.
public protocol SessionStoring: AnyObject, Sendable {
    func sessionSummary(id: String) throws -> SessionSummary?
    func loadMessageWindow(sessionID: String, _ position: WindowPosition) throws -> MessageWindow
    func loadParameters(sessionID: String) throws -> SessionParameters?
    func sessionProfile(id: String) throws -> String?
    func setSessionProfile(id: String, name: String) throws
    func listSessions(limit: Int) throws -> [SessionSummary]
    func listSessions(after last: SessionSummary, limit: Int) throws -> [SessionSummary]
    func searchSessions(_ query: String, limit: Int) throws -> [SessionSearchHit]
    func messageIDs(containing needle: String, sessionID: String) throws -> [String]
    func showOnPath(messageID: String, sessionID: String) throws
    func switchBranch(sessionID: String, from messageID: String, step: Int) throws -> BranchSwitch?
    func createSession(_ session: SessionSummary, parameters: SessionParameters) throws
    func renameSession(id: String, title: String) throws
    func forkSession(_ sourceID: String, upTo lastMessageID: String?, into fork: SessionSummary) throws
    func deleteSession(id: String, deletionID: String) throws
    func deleteMessages(from messageID: String, sessionID: String, deletionID: String) throws
    func restoreDeletion(_ deletionID: String) throws -> Bool
    func saveMessage(_ message: Message, sessionID: String) throws
    func saveParameters(_ parameters: SessionParameters, sessionID: String, updatedAtMillis: Int64) throws
    func loadRequestHistory(sessionID: String, before endMessageID: String?) throws -> [Message]
    func loadSentRequest(messageID: String) throws -> SentRequest?
    func listPresets() throws -> [Preset]
    func savePreset(_ preset: Preset, updatedAtMillis: Int64) throws
    func deletePreset(name: String) throws
    func saveDraft(sessionID: String?, text: String) throws
    func loadDraft(sessionID: String?) throws -> String
    /// The MCP tools (wire names) a session switched off, and their replacement whole.
    func loadToolSwitches(sessionID: String) throws -> [String]
    func saveToolSwitches(sessionID: String, switchedOff: [String]) throws
    /// The session written out whole, as chatterm's JSON (`asJSON`) or as Markdown.
    func exportData(sessionID: String, asJSON: Bool) throws -> Data
    /// A number that changes when another process writes the database.
    func outsideChangeCount() throws -> Int
    /// Damage found by a background check or any read, said at once.
    func whenDamageFound(_ handler: @escaping @Sendable (any Error) -> Void)
    /// For a write that failed for a reason that may pass (locked, read-only, disk full,
    /// cannot be opened, damaged), a short phrase saying it ("database locked by another
    /// process"): the runner keeps the write and tries it again. Nil for a failure that
    /// trying again cannot mend (no such session, a mistake in the call): it is said and dropped.
    func waitingReason(_ error: any Error) -> String?
}
