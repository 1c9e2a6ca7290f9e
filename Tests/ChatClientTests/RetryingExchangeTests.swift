@testable import ChatClient
import Clocks
import Foundation
import StreamProtocol
import XCTest
import TestClockSupport

/// `RetryingExchange` against a scripted transport, so a cancel can be placed exactly between
/// two steps of a retry (the orderings a real network only hits by luck). The waits are an
/// `ImmediateClock`'s unless a test times them on a `TestClock`.
final class RetryingExchangeTests: XCTestCase {
    private func exchange(
        _ transport: ScriptedTransport, policy: RetryPolicy = RetryPolicy(maxRetries: 3, baseDelayMillis: 0, maxDelayMillis: 0),
        clock: any Clock<Duration> = ImmediateClock(),
        log: RetryTestUpdates, also: (@Sendable (CompletionUpdate) -> Void)? = nil
    ) -> RetryingExchange {
        RetryingExchange(
            id: 5, spec: HTTPRequestSpec(url: "http://127.0.0.1:1/"), dialect: .prem, policy: policy, jitter: .fixed(1),
            transport: transport, clock: ClientClock(clock),
            onUpdate: { update in
                log.append(update)
                also?(update)
            },
            onClosed: { _ in })
    }

    /// Waits for the close, then lets the scripted transport's queue run dry, so an event it
    /// still owed (one that would come after the close) has arrived before the checks.
    private func waitForClose(_ log: RetryTestUpdates, _ transport: ScriptedTransport) async {
        let closed = await log.waitUntil(timeout: 10) { $0.closedCount > 0 }
        XCTAssertTrue(closed, "\(log.updates)")
        transport.drain()
    }

    /// The cancel reaches the transport before the start it was meant for (ignored there as an
    /// unknown id); the exchange must cancel again once the start is queued.
    func testCancelThatOvertakesTheStartStillStopsTheAttempt() async {
        let transport = ScriptedTransport()
        transport.script = { _ in .hang }
        let log = RetryTestUpdates()
        let subject = exchange(transport, log: log)
        transport.beforeRegistering = { attempt in if attempt == 1 { subject.cancel() } }
        subject.begin()
        await waitForClose(log, transport)
        XCTAssertEqual(log.updates, [.closed(failure: CurlFailureMappingFixtures.cancelled)])
        XCTAssertEqual(transport.startCount, 1)
    }

    func testSameRaceOnARetryAttempt() async {
        let transport = ScriptedTransport()
        transport.script = { attempt in attempt == 1 ? .status(503) : .hang }
        let log = RetryTestUpdates()
        let subject = exchange(transport, log: log)
        transport.beforeRegistering = { attempt in if attempt == 2 { subject.cancel() } }
        subject.begin()
        await waitForClose(log, transport)
        XCTAssertEqual(log.notices.map(\.attempt), [1])
        XCTAssertEqual(log.updates.last, .closed(failure: CurlFailureMappingFixtures.cancelled))
        XCTAssertEqual(log.closedCount, 1)
        XCTAssertEqual(transport.startCount, 2)
    }

    /// The attempt has ended in the transport (so a transport cancel finds nothing) but the
    /// exchange has not yet decided to wait: a cancel from the `.retrying` callback lands
    /// exactly there, and must still close, once, without another attempt.
    func testCancelBetweenTheFailureAndTheWait() async {
        let transport = ScriptedTransport()
        transport.script = { _ in .status(500) }
        let log = RetryTestUpdates()
        let holder = ExchangeHolder()
        let subject = exchange(transport, log: log, also: { update in
            if case .retrying = update { holder.exchange?.cancel() }
        })
        holder.exchange = subject
        subject.begin()
        await waitForClose(log, transport)
        XCTAssertEqual(log.closedCount, 1, "\(log.updates)")
        XCTAssertEqual(log.updates.last, .closed(failure: CurlFailureMappingFixtures.cancelled))
        XCTAssertEqual(transport.startCount, 1, "no attempt after the cancel")
    }

    /// Right after a wait ends, before the next attempt's start reaches the transport.
    func testCancelAsTheWaitEnds() async {
        let transport = ScriptedTransport()
        transport.script = { attempt in attempt == 1 ? .status(503) : .hang }
        let log = RetryTestUpdates()
        let subject = exchange(transport, log: log)
        transport.onFinishDelivered = { attempt in if attempt == 1 { subject.cancel() } }
        subject.begin()
        await waitForClose(log, transport)
        XCTAssertEqual(log.closedCount, 1, "\(log.updates)")
        XCTAssertEqual(log.updates.last, .closed(failure: CurlFailureMappingFixtures.cancelled))
    }

    func testCancelDuringTheWaitAndTheTimerFiringLater() async {
        let transport = ScriptedTransport()
        transport.script = { _ in .status(429, retryAfter: "1") }
        let log = RetryTestUpdates()
        let clock = TestClock()
        let subject = exchange(transport, clock: clock, log: log)
        subject.begin()
        let retrying = await log.waitUntil { !$0.notices.isEmpty }
        XCTAssertTrue(retrying)
        // `.retrying` is reported just before the wait is set up; a cancel in between closes
        // from the transport thread instead (testCancelBetweenTheFailureAndTheWait). The
        // sleeper exists only once the timer task runs, and the task is made under the lock
        // `cancel` takes, so after this the cancel meets the wait.
        let waiting = await clock.waitForSleeper()
        XCTAssertTrue(waiting)
        subject.cancel()
        subject.cancel()  // twice: still one close
        XCTAssertEqual(log.closedCount, 1, "closed on the cancelling thread, at once")
        await clock.advance(by: .milliseconds(1_200))  // past the 1 s wait
        transport.drain()
        XCTAssertEqual(log.closedCount, 1)
        XCTAssertEqual(transport.startCount, 1, "the abandoned timer starts nothing")
        XCTAssertEqual(log.notices.first?.delayMillis, 1_000)
    }

    /// The next attempt starts when the clock reaches the end of the wait, not before.
    func testTheNextAttemptStartsWhenTheWaitEndsOnTheClock() async {
        let transport = ScriptedTransport()
        transport.script = { attempt in attempt == 1 ? .status(429, retryAfter: "2") : .content }
        let log = RetryTestUpdates()
        let clock = TestClock()
        let subject = exchange(transport, clock: clock, log: log)
        subject.begin()
        let retrying = await log.waitUntil { !$0.notices.isEmpty }
        XCTAssertTrue(retrying)
        let waiting = await clock.waitForSleeper()
        XCTAssertTrue(waiting)
        await clock.advance(by: .milliseconds(1_999))
        XCTAssertEqual(transport.startCount, 1, "still waiting")
        await clock.advance(by: .milliseconds(1))
        await waitForClose(log, transport)
        XCTAssertEqual(transport.startCount, 2)
        XCTAssertEqual(log.contents, ["Hel"])
        XCTAssertEqual(log.updates.last, .closed(failure: nil))
    }

    /// Keep-alive bytes beat at most once per 250 ms of the clock, across the attempt.
    func testHeartbeatsFollowTheClock() async {
        let transport = ManualTransport()
        let log = RetryTestUpdates()
        let clock = TestClock()
        let subject = RetryingExchange(
            id: 6, spec: HTTPRequestSpec(url: "http://127.0.0.1:1/"), dialect: .openai, policy: .none, jitter: .fixed(1),
            transport: transport, clock: ClientClock(clock), onUpdate: { log.append($0) }, onClosed: { _ in })
        subject.begin()
        let ping = TransportEvent.bytes(Array(": ping\n\n".utf8))
        transport.send(.head(status: 200, headers: []))
        transport.send(ping)  // t = 0: beats
        await clock.advance(by: .milliseconds(100))
        transport.send(ping)  // 100 ms: too soon
        await clock.advance(by: .milliseconds(150))
        transport.send(ping)  // 250 ms: beats
        await clock.advance(by: .milliseconds(249))
        transport.send(ping)  // 499 ms: too soon
        await clock.advance(by: .milliseconds(1))
        transport.send(ping)  // 500 ms: beats
        transport.send(.bytes(Array("data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\n".utf8)))
        transport.send(.finished(nil))
        XCTAssertEqual(log.updates, [.heartbeat, .heartbeat, .heartbeat, .events([.content("hi")]), .closed(failure: nil)])
    }

    /// A long line arriving in pieces beats while it is incomplete (time passing between the
    /// pieces), then delivers its event.
    func testALongLineArrivingInPiecesBeatsUntilItCompletes() async {
        let transport = ManualTransport()
        let log = RetryTestUpdates()
        let clock = TestClock()
        let subject = RetryingExchange(
            id: 7, spec: HTTPRequestSpec(url: "http://127.0.0.1:1/"), dialect: .openai, policy: .none, jitter: .fixed(1),
            transport: transport, clock: ClientClock(clock), onUpdate: { log.append($0) }, onClosed: { _ in })
        subject.begin()
        transport.send(.head(status: 200, headers: []))
        for piece in ["data: {\"choices\":[{\"delta\":{\"content\":\"", "abc", "def\"}}]}\n", "\n", "data: [DONE]\n\n"] {
            transport.send(.bytes(Array(piece.utf8)))
            await clock.advance(by: .milliseconds(300))
        }
        transport.send(.finished(nil))
        // Pieces 1-3 complete no event (the blank line ends the block in piece 4).
        XCTAssertEqual(log.heartbeatCount, 3, "\(log.updates)")
        XCTAssertEqual(log.contents, ["abcdef"])
        XCTAssertEqual(log.updates.last, .closed(failure: nil))
    }

    func testEveryAttemptFailingEndsWithTheLastErrorAfterMaxRetries() async {
        let transport = ScriptedTransport()
        transport.script = { attempt in .status(attempt < 3 ? 503 : 502) }
        let log = RetryTestUpdates()
        let subject = exchange(transport, policy: RetryPolicy(maxRetries: 2, baseDelayMillis: 0, maxDelayMillis: 0), log: log)
        subject.begin()
        await waitForClose(log, transport)
        XCTAssertEqual(log.notices.map(\.attempt), [1, 2])
        XCTAssertEqual(log.notices.map(\.reason.status), [503, 503])
        guard case let .closed(failure?)? = log.updates.last else { return XCTFail("\(log.updates)") }
        XCTAssertEqual(failure.status, 502)
        XCTAssertEqual(transport.startCount, 3)
    }

    func testNoRetryOnceAnEventWasDelivered() async {
        let transport = ScriptedTransport()
        transport.script = { _ in .contentThenDrop }
        let log = RetryTestUpdates()
        let subject = exchange(transport, log: log)
        subject.begin()
        await waitForClose(log, transport)
        XCTAssertEqual(log.contents, ["Hel"])
        XCTAssertTrue(log.notices.isEmpty)
        guard case let .closed(failure?)? = log.updates.last else { return XCTFail("\(log.updates)") }
        XCTAssertEqual(failure.code, "ConnectionDropped")
        XCTAssertEqual(transport.startCount, 1)
    }

    func testDropBeforeAnyEventIsRetried() async {
        let transport = ScriptedTransport()
        transport.script = { attempt in attempt == 1 ? .commentThenDrop : .content }
        let log = RetryTestUpdates()
        let subject = exchange(transport, log: log)
        subject.begin()
        await waitForClose(log, transport)
        XCTAssertEqual(log.updates.first, .heartbeat, "the comment was a sign of life, not an event")
        XCTAssertEqual(log.notices.map(\.reason.code), ["ConnectionDropped"])
        XCTAssertEqual(log.contents, ["Hel"])
        XCTAssertEqual(log.updates.last, .closed(failure: nil))
    }
}

// safe: set once before the exchange begins, read only after.
final class ExchangeHolder: @unchecked Sendable {
    var exchange: RetryingExchange?
}

enum CurlFailureMappingFixtures {
    static let cancelled = APIError(code: "Cancelled", message: "cancelled")
}

/// A transport that plays a script per attempt and obeys cancels like the real one: a cancel
/// of a running id finishes it with `.cancelled`; a cancel of an unknown id is ignored.
// safe: `lock` guards `running` and `starts`; the three scripts are set before `begin` and
// only read after.
final class ScriptedTransport: ExchangeTransport, @unchecked Sendable {
    enum Response {
        case status(Int, retryAfter: String? = nil)
        case content
        case contentThenDrop
        case commentThenDrop
        /// Stays open until cancelled.
        case hang
    }

    private let lock = NSLock()
    private var running: [RequestID: @Sendable (RequestID, TransportEvent) -> Void] = [:]
    private var starts = 0
    private let queue = DispatchQueue(label: "test.scripted-transport")

    /// Returns once everything queued so far has been played.
    func drain() { queue.sync {} }
    var script: (Int) -> Response = { _ in .content }
    /// Runs inside `start` before the id is known (attempt number, 1-based).
    var beforeRegistering: (Int) -> Void = { _ in }
    /// Runs on the transport queue right after an attempt's `.finished` was delivered.
    var onFinishDelivered: (Int) -> Void = { _ in }

    var startCount: Int { lock.withLock { starts } }

    func start(_ id: RequestID, _ request: HTTPRequestSpec, onEvent: @escaping @Sendable (RequestID, TransportEvent) -> Void) {
        let attempt = lock.withLock { starts += 1; return starts }
        beforeRegistering(attempt)
        lock.withLock { running[id] = onEvent }
        let response = script(attempt)
        queue.async { [self] in play(response, id: id, attempt: attempt) }
    }

    func cancel(_ id: RequestID) {
        guard let onEvent = lock.withLock({ running.removeValue(forKey: id) }) else { return }
        queue.async { onEvent(id, .finished(TransportFailure(kind: .cancelled, message: "cancelled", curlCode: 42))) }
    }

    private func play(_ response: Response, id: RequestID, attempt: Int) {
        func send(_ event: TransportEvent) {
            guard let onEvent = lock.withLock({ running[id] }) else { return }
            onEvent(id, event)
        }
        func finish(_ failure: TransportFailure?) {
            guard let onEvent = lock.withLock({ running.removeValue(forKey: id) }) else { return }
            onEvent(id, .finished(failure))
            onFinishDelivered(attempt)
        }
        let chunk = Array("event: completion\ndata: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\n".utf8)
        let dropped = TransportFailure(kind: .connectionDropped, message: "connection dropped", curlCode: 56)
        switch response {
        case let .status(status, retryAfter):
            send(.head(status: status, headers: retryAfter.map { [(name: "Retry-After", value: $0)] } ?? []))
            send(.bytes(Array(#"{"message":"m","code":"c"}"#.utf8)))
            finish(nil)
        case .content:
            send(.head(status: 200, headers: []))
            send(.bytes(chunk))
            finish(nil)
        case .contentThenDrop:
            send(.head(status: 200, headers: []))
            send(.bytes(chunk))
            finish(dropped)
        case .commentThenDrop:
            send(.head(status: 200, headers: []))
            send(.bytes(Array(": ping\n\n".utf8)))
            finish(dropped)
        case .hang:
            send(.head(status: 200, headers: []))
        }
    }
}

/// A transport the test drives by hand: `send` delivers an event to the one running request
/// on the test's own thread, so what happens between two events is up to the test.
final class ManualTransport: ExchangeTransport, @unchecked Sendable {
    // safe: `lock` guards `running`, the only field.
    private let lock = NSLock()
    private var running: (id: RequestID, onEvent: @Sendable (RequestID, TransportEvent) -> Void)?

    func start(_ id: RequestID, _ request: HTTPRequestSpec, onEvent: @escaping @Sendable (RequestID, TransportEvent) -> Void) {
        lock.withLock { running = (id, onEvent) }
    }

    func cancel(_ id: RequestID) {
        send(.finished(TransportFailure(kind: .cancelled, message: "cancelled", curlCode: 42)))
    }

    func send(_ event: TransportEvent) {
        guard let running = lock.withLock({ running }) else { return }
        if case .finished = event { lock.withLock { self.running = nil } }
        running.onEvent(running.id, event)
    }
}
