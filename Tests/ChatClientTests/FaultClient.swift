@testable import ChatClient
import Clocks
import Foundation
import StreamProtocol
import XCTest
import TestClockSupport

/// Everything one request through the real client produced, in arrival order.
struct FaultOutcome {
    var updates: [CompletionUpdate] = []
    /// Monotonic time of `start` and of the `.closed` update: printed by the burst test as a
    /// figure, never asserted.
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

    var seconds: Double { closedAt.map { Double($0 - startedAt) / 1e9 } ?? .nan }
}

/// Drives `CompletionStreamer` over `HTTPStreamTransport` (libcurl) against a fault server,
/// collecting updates from the transport thread.
///
/// The transport's loop waits up to a minute for socket activity (the app's bound is 1 s), so
/// anything that ends promptly (a cancel, the end of a reply the client cuts short) must wake
/// the loop itself: waiting it out would outlast every timeout here. Its clock is a
/// `TestClock` only the test moves.
// safe: `lock` guards `outcomes`; the waiter has its own lock; the rest is `let`.
final class FaultClient: @unchecked Sendable {
    static let longPollMillis: Int32 = 60_000
    let clock = TestClock()
    let transport: HTTPStreamTransport
    /// What the streamers' heartbeat throttle reads: `clock`, unless a test counts reads by
    /// their heartbeats (then real time, which nothing waits on).
    private let streamerClock: any Clock<Duration>
    private let lock = NSLock()
    private var outcomes: [UInt64: FaultOutcome] = [:]
    private let waiter = ConditionWaiter()

    init(heartbeatsInRealTime: Bool = false) {
        transport = HTTPStreamTransport(clock: clock, maximumPollMillis: Self.longPollMillis)
        streamerClock = heartbeatsInRealTime ? ContinuousClock() : clock
    }

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
        return CompletionStreamer(transport: transport, baseURL: base, dialect: dialect, apiKey: "fault-key", clock: streamerClock)
    }

    func start(_ id: UInt64, _ streamer: CompletionStreamer, _ dialect: Dialect) {
        lock.lock()
        outcomes[id] = FaultOutcome(startedAt: Self.now())
        lock.unlock()
        streamer.start(id, Self.request(dialect)) { [self] update in
            let now = Self.now()
            lock.withLock {
                outcomes[id, default: FaultOutcome()].updates.append(update)
                if case .closed = update, outcomes[id]?.closedAt == nil { outcomes[id]?.closedAt = now }
            }
            waiter.changed()
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
        let closed = await waiter.wait(timeout: timeout) { [self] in outcome(id).isClosed }
        if !closed { XCTFail("request \(id) did not close within \(timeout) s", file: file, line: line) }
        return outcome(id)
    }

    /// Waits until `condition` holds for the request's outcome so far.
    func waitUntil(_ id: UInt64, timeout: Double = 10, _ condition: @escaping @Sendable (FaultOutcome) -> Bool) async -> Bool {
        await waiter.wait(timeout: timeout) { [self] in condition(outcome(id)) }
    }

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
}
