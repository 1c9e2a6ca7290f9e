import ChatClient
import Foundation
import StreamProtocol
import XCTest

/// Everything one request through the real client produced, in arrival order.
struct FaultOutcome {
    var updates: [CompletionUpdate] = []
    /// Monotonic arrival time of each of `updates`, same indices.
    var updateTimes: [UInt64] = []
    /// Monotonic time of `start` and of the `.closed` update.
    var startedAt: UInt64 = 0
    var closedAt: UInt64?

    var events: [StreamEvent] {
        updates.flatMap { update -> [StreamEvent] in
            if case let .events(events) = update { return events }
            return []
        }
    }

    /// What the reply keeps: every content delta, concatenated.
    var text: String {
        var text = ""
        for case let .content(delta) in events { text += delta }
        return text
    }

    var contentCount: Int {
        events.reduce(0) { count, event in
            if case .content = event { return count + 1 }
            return count
        }
    }

    var closedCount: Int {
        updates.filter { if case .closed = $0 { return true } else { return false } }.count
    }

    /// The failure the exchange ended with (nil for a clean close or none yet).
    var failure: APIError? {
        for case let .closed(failure) in updates.reversed() { return failure }
        return nil
    }

    var isClosed: Bool { closedAt != nil }

    /// When the first update holding an event that matches `isWanted` arrived.
    func arrival(of isWanted: (StreamEvent) -> Bool) -> UInt64? {
        for (index, update) in updates.enumerated() {
            if case let .events(events) = update, events.contains(where: isWanted) { return updateTimes[index] }
        }
        return nil
    }

    var seconds: Double { closedAt.map { Double($0 - startedAt) / 1e9 } ?? .nan }
}

/// Drives `CompletionStreamer` over `HTTPStreamTransport` (libcurl) against a fault server,
/// collecting updates from the transport thread.
final class FaultClient: @unchecked Sendable {
    let transport = HTTPStreamTransport()
    private let lock = NSLock()
    private var outcomes: [UInt64: FaultOutcome] = [:]

    deinit { transport.shutdown() }

    static func request(_ dialect: Dialect) -> ChatRequest {
        switch dialect {
        case .prem:
            return ChatRequest(projectID: 7, model: "fault-model", messages: [ChatMessage(role: .user, content: "hi")])
        case .openai:
            return ChatRequest(model: "fault-model", messages: [ChatMessage(role: .user, content: "hi")])
        }
    }

    /// The dialect's base URL on the server: prem appends `/v1/...` itself, openai's base ends in `/v1`.
    func streamer(_ dialect: Dialect, server: RawResponseServer) -> CompletionStreamer {
        let base = dialect == .prem ? server.baseURL : server.baseURL + "/v1"
        return CompletionStreamer(transport: transport, baseURL: base, dialect: dialect, apiKey: "fault-key")
    }

    func start(_ id: UInt64, _ streamer: CompletionStreamer, _ dialect: Dialect) {
        lock.lock()
        outcomes[id] = FaultOutcome(startedAt: Self.now())
        lock.unlock()
        streamer.start(id, Self.request(dialect)) { [self] update in
            let now = Self.now()
            lock.lock(); defer { lock.unlock() }
            outcomes[id, default: FaultOutcome()].updates.append(update)
            outcomes[id]?.updateTimes.append(now)
            if case .closed = update, outcomes[id]?.closedAt == nil { outcomes[id]?.closedAt = now }
        }
    }

    func outcome(_ id: UInt64) -> FaultOutcome {
        lock.lock(); defer { lock.unlock() }
        return outcomes[id] ?? FaultOutcome()
    }

    /// Starts a request and waits for its `.closed`; fails the test on timeout.
    func run(
        _ dialect: Dialect, against server: RawResponseServer, id: UInt64 = 1, timeout: Double = 10,
        file: StaticString = #filePath, line: UInt = #line
    ) async -> FaultOutcome {
        start(id, streamer(dialect, server: server), dialect)
        return await waitForClose(id, timeout: timeout, file: file, line: line)
    }

    func waitForClose(_ id: UInt64, timeout: Double = 10, file: StaticString = #filePath, line: UInt = #line) async -> FaultOutcome {
        let deadline = Self.now() + UInt64(timeout * 1e9)
        while Self.now() < deadline {
            let current = outcome(id)
            if current.isClosed { return current }
            try? await Task.sleep(for: .milliseconds(2))
        }
        XCTFail("request \(id) did not close within \(timeout) s", file: file, line: line)
        return outcome(id)
    }

    /// Waits until `condition` holds for the request's outcome so far.
    func waitUntil(_ id: UInt64, timeout: Double = 5, _ condition: (FaultOutcome) -> Bool) async -> Bool {
        let deadline = Self.now() + UInt64(timeout * 1e9)
        while Self.now() < deadline {
            if condition(outcome(id)) { return true }
            try? await Task.sleep(for: .milliseconds(1))
        }
        return false
    }

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
}
