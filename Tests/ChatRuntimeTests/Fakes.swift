import ChatCore
import ChatRuntime
import Foundation
import StreamProtocol
import XCTest

/// A store call a test did not set up: the runner reports it like any failed call.
struct Unanswered: Error, CustomStringConvertible {
    var call: String
    var description: String { "\(call) was not expected" }
}

/// What a fake store throws for a failure that may pass (the database locked by another
/// process): the runner keeps the write and tries it again.
struct DatabaseLocked: Error, CustomStringConvertible {
    var description: String { "The session database /x/chatterm.sqlite is locked by another process (waited 3 s)." }
}

/// Every call a fake store is not given fails, so a test sees any call it did not expect.
extension SessionStoring {
    func sessionSummary(id: String) throws -> SessionSummary? { throw Unanswered(call: "sessionSummary") }
    func loadMessageWindow(sessionID: String, _ position: WindowPosition) throws -> MessageWindow { throw Unanswered(call: "loadMessageWindow") }
    func loadParameters(sessionID: String) throws -> SessionParameters? { throw Unanswered(call: "loadParameters") }
    func sessionProfile(id: String) throws -> String? { throw Unanswered(call: "sessionProfile") }
    func listSessions(after last: SessionSummary, limit: Int) throws -> [SessionSummary] { throw Unanswered(call: "listSessions(after:)") }
    func messageIDs(containing needle: String, sessionID: String) throws -> [String] { throw Unanswered(call: "messageIDs") }
    func showOnPath(messageID: String, sessionID: String) throws { throw Unanswered(call: "showOnPath") }
    func switchBranch(sessionID: String, from messageID: String, step: Int) throws -> BranchSwitch? { throw Unanswered(call: "switchBranch") }
    func renameSession(id: String, title: String) throws { throw Unanswered(call: "renameSession") }
    func forkSession(_ sourceID: String, upTo lastMessageID: String?, into fork: SessionSummary) throws { throw Unanswered(call: "forkSession") }
    func deleteSession(id: String, deletionID: String) throws { throw Unanswered(call: "deleteSession") }
    func deleteMessages(from messageID: String, sessionID: String, deletionID: String) throws { throw Unanswered(call: "deleteMessages") }
    func restoreDeletion(_ deletionID: String) throws -> Bool { throw Unanswered(call: "restoreDeletion") }
    func saveParameters(_ parameters: SessionParameters, sessionID: String, updatedAtMillis: Int64) throws { throw Unanswered(call: "saveParameters") }
    func loadRequestHistory(sessionID: String, before endMessageID: String?) throws -> [Message] { throw Unanswered(call: "loadRequestHistory") }
    func loadSentRequest(messageID: String) throws -> SentRequest? { throw Unanswered(call: "loadSentRequest") }
    func listPresets() throws -> [Preset] { throw Unanswered(call: "listPresets") }
    func savePreset(_ preset: Preset, updatedAtMillis: Int64) throws { throw Unanswered(call: "savePreset") }
    func deletePreset(name: String) throws { throw Unanswered(call: "deletePreset") }
    func saveDraft(sessionID: String?, text: String) throws { throw Unanswered(call: "saveDraft") }
    func loadDraft(sessionID: String?) throws -> String { throw Unanswered(call: "loadDraft") }
    func loadToolSwitches(sessionID: String) throws -> [String] { throw Unanswered(call: "loadToolSwitches") }
    func saveToolSwitches(sessionID: String, switchedOff: [String]) throws { throw Unanswered(call: "saveToolSwitches") }
    func exportData(sessionID: String, asJSON: Bool) throws -> Data { throw Unanswered(call: "exportData") }
    func whenDamageFound(_ handler: @escaping @Sendable (any Error) -> Void) {}
}

/// The calls the runner tests look at, recorded in order with the thread they came on.
// safe: the underscored properties are read and written holding `lock`; `sessions` and `hits`
// are set by a test before it performs an effect (the queue's dispatch orders the two).
final class FakeStore: SessionStoring, @unchecked Sendable {
    private let lock = NSLock()
    private var _calls: [String] = []
    private var _onMainThread: [Bool] = []
    private var _changeCount = 0
    private var _failing: Set<String> = []
    private var _locked: [String: Int] = [:]
    var sessions: [SessionSummary] = []
    var hits: [SessionSearchHit] = []

    var calls: [String] { locked { _calls } }
    var anyOnMainThread: Bool { locked { _onMainThread.contains(true) } }
    func setChangeCount(_ count: Int) { locked { _changeCount = count } }
    /// Calls named here throw.
    func fail(_ call: String) { locked { _ = _failing.insert(call) } }
    /// The call named throws `DatabaseLocked` its next `times` times, then works.
    func lock(_ call: String, times: Int) { locked { _locked[call] = times } }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    private func record(_ call: String) throws {
        let failing = locked {
            _calls.append(call)
            _onMainThread.append(Thread.isMainThread)
            if let left = _locked[call], left > 0 {
                _locked[call] = left - 1
                return Optional(true)
            }
            return _failing.contains(call) ? Optional(false) : nil
        }
        switch failing {
        case true?: throw DatabaseLocked()
        case false?: throw Unanswered(call: "\(call) (told to fail)")
        case nil: break
        }
    }

    func listSessions(limit: Int) throws -> [SessionSummary] {
        try record("listSessions(\(limit))")
        return sessions
    }
    func searchSessions(_ query: String, limit: Int) throws -> [SessionSearchHit] {
        try record("searchSessions(\(query))")
        return hits
    }
    func createSession(_ session: SessionSummary, parameters: SessionParameters) throws { try record("createSession(\(session.id))") }
    func setSessionProfile(id: String, name: String) throws { try record("setSessionProfile(\(id), \(name))") }
    func saveMessage(_ message: Message, sessionID: String) throws { try record("saveMessage(\(message.id))") }
    func loadToolSwitches(sessionID: String) throws -> [String] {
        try record("loadToolSwitches(\(sessionID))")
        return ["files__read"]
    }
    func saveToolSwitches(sessionID: String, switchedOff: [String]) throws {
        try record("saveToolSwitches(\(sessionID), \(switchedOff.joined(separator: " ")))")
    }
    func outsideChangeCount() throws -> Int { locked { _changeCount } }
    func waitingReason(_ error: any Error) -> String? { error is DatabaseLocked ? "database locked by another process" : nil }
}

/// What the runner posted, in order; `expect` waits for a number of them.
// safe: every stored property is read and written holding `lock`.
final class PostedActions: @unchecked Sendable {
    private let lock = NSLock()
    private var _actions: [Action] = []
    private var waiting: (count: Int, expectation: XCTestExpectation)?

    var actions: [Action] {
        lock.lock()
        defer { lock.unlock() }
        return _actions
    }

    var post: @Sendable (Action) -> Void {
        { [self] action in
            lock.lock()
            _actions.append(action)
            let met = waiting.map { _actions.count >= $0.count } ?? false
            let expectation = waiting?.expectation
            if met { waiting = nil }
            lock.unlock()
            if met { expectation?.fulfill() }
        }
    }

    /// An expectation met once `count` actions in all have been posted.
    func expect(_ count: Int) -> XCTestExpectation {
        let expectation = XCTestExpectation(description: "\(count) actions posted")
        lock.lock()
        if _actions.count >= count {
            expectation.fulfill()
        } else {
            waiting = (count, expectation)
        }
        lock.unlock()
        return expectation
    }
}

/// A streamer that records what it was asked.
final class FakeStreamer {
    var started: [RequestID] = []
    var cancelled: [RequestID] = []
    let name: String?

    init(name: String?) {
        self.name = name
    }

    var client: StreamClient {
        StreamClient(
            profileName: name, start: { id, _, _ in self.started.append(id) }, cancel: { self.cancelled.append($0) },
            listModels: { $0(.success(["m1", "m2"])) })
    }
}

extension SessionSummary {
    static func fixture(_ id: String) -> SessionSummary {
        SessionSummary(id: id, title: "Session \(id)", createdAtMillis: 1, updatedAtMillis: 2)
    }
}
