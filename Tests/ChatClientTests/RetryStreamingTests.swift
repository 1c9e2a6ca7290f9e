import ChatClient
import Clocks
import Foundation
import LocalServer
import StreamProtocol
import XCTest
import TestClockSupport

/// Retries end to end: CompletionStreamer against the bundled server's `/flaky`, `/error`,
/// `/drop` and a closed port. The waits run on a clock the test holds: an `ImmediateClock`
/// where only what is retried matters, a `TestClock` where when it is retried does.
final class RetryStreamingTests: XCTestCase {
    private var server: LocalPremServer!
    private var transport: HTTPStreamTransport!

    private let quick = RetryPolicy(maxRetries: 3, baseDelayMillis: 10, maxDelayMillis: 40)

    override func setUp() async throws {
        HTTPStreamTransport.globalInit()
        server = LocalPremServer(configuration: LocalServerConfiguration())
        _ = try await server.start()
        transport = HTTPStreamTransport()
    }

    override func tearDown() async throws {
        transport.shutdown()
        await server.stop()
    }

    private func streamer(
        _ policy: RetryPolicy, dialect: Dialect = .prem, jitter: JitterSource = .fixed(1),
        clock: any Clock<Duration> = ImmediateClock()
    ) async throws -> CompletionStreamer {
        let resolved = await server.baseURL(for: dialect)
        let base = try XCTUnwrap(resolved).absoluteString
        return CompletionStreamer(
            transport: transport, baseURL: base, dialect: dialect, apiKey: nil, retryPolicy: policy, jitter: jitter,
            clock: clock)
    }

    private func request(_ text: String) -> ChatRequest {
        ChatRequest(projectID: 1, model: "local-echo", messages: [ChatMessage(role: .user, content: text)])
    }

    func testRetriesA500TwiceThenStreams() async throws {
        let s = try await streamer(quick)
        let log = await RetryTestUpdates.run(s, request("/flaky 500 2 /tokens 4 hello"))

        XCTAssertEqual(log.notices.map(\.attempt), [1, 2])
        XCTAssertEqual(log.notices.map(\.maxAttempts), [3, 3])
        XCTAssertEqual(log.notices.map(\.delayMillis), [10, 20], "full jitter with a draw of 1: the ceilings")
        XCTAssertEqual(log.notices.map(\.fromRetryAfter), [false, false])
        XCTAssertEqual(log.notices.first?.reason.status, 500)
        XCTAssertEqual(log.notices.first?.reason.code, "ProviderInternalServerError")
        XCTAssertEqual(log.contents.count, 4, "the reply of the third attempt arrives whole")
        XCTAssertTrue(log.events.contains { if case .done = $0 { return true } else { return false } })
        XCTAssertEqual(log.updates.last, .closed(failure: nil))
        XCTAssertEqual(log.closedCount, 1)
        let sent = await server.recordedRequests()
        XCTAssertEqual(sent.count, 3)
        XCTAssertEqual(Set(sent.map(\.body)).count, 1, "every attempt sends the same body")
    }

    func testRetryOn503ThenSuccessWithRetryAfterZero() async throws {
        let s = try await streamer(quick)
        let log = await RetryTestUpdates.run(s, request("/retry-after 0 /flaky 503 1 /tokens 2 hi"))
        XCTAssertEqual(log.notices.map(\.attempt), [1])
        XCTAssertEqual(log.notices.first?.delayMillis, 0)
        XCTAssertEqual(log.notices.first?.fromRetryAfter, true)
        XCTAssertEqual(log.contents.count, 2)
        XCTAssertEqual(log.updates.last, .closed(failure: nil))
    }

    func testRetryAfterOnA429IsHonoured() async throws {
        // The backoff alone would wait 10 ms; the server's Retry-After: 1 must win.
        let clock = TestClock()
        let s = try await streamer(quick, clock: clock)
        let log = RetryTestUpdates()
        s.start(1, request("/flaky 429 1 /tokens 3 patience")) { log.append($0) }
        let retrying = await log.waitUntil { !$0.notices.isEmpty }
        XCTAssertTrue(retrying)
        let notice = try XCTUnwrap(log.notices.first)
        XCTAssertEqual(notice.delayMillis, 1_000)
        XCTAssertTrue(notice.fromRetryAfter)
        XCTAssertEqual(notice.reason.status, 429)
        XCTAssertEqual(notice.reason.code, "RateLimitError")

        let waiting = await clock.waitForSleeper()
        XCTAssertTrue(waiting, "the wait is on the clock")
        await clock.advance(by: .milliseconds(999))
        let attemptsAt999 = await server.recordedRequests().count
        XCTAssertEqual(attemptsAt999, 1, "nothing is sent again before the second is up")
        let stillWaiting = await clock.hasSleeper
        XCTAssertTrue(stillWaiting)
        await clock.advance(by: .milliseconds(1))
        let closed = await log.waitUntil { $0.closedCount > 0 }
        XCTAssertTrue(closed)
        XCTAssertEqual(log.contents.count, 3)
        XCTAssertEqual(log.updates.last, .closed(failure: nil))
        let attempts = await server.recordedRequests().count
        XCTAssertEqual(attempts, 2)
    }

    /// The backoff wait is the policy's delay, not a moment shorter.
    func testBackoffWaitsThePolicyDelayOnTheClock() async throws {
        let clock = TestClock()
        let s = try await streamer(quick, clock: clock)
        let log = RetryTestUpdates()
        s.start(1, request("/flaky 500 1 /tokens 2 later")) { log.append($0) }
        let retrying = await log.waitUntil { !$0.notices.isEmpty }
        XCTAssertTrue(retrying)
        XCTAssertEqual(log.notices.first?.delayMillis, 10)
        let waiting = await clock.waitForSleeper()
        XCTAssertTrue(waiting)
        await clock.advance(by: .milliseconds(9))
        let attemptsEarly = await server.recordedRequests().count
        XCTAssertEqual(attemptsEarly, 1)
        await clock.advance(by: .milliseconds(1))
        let closed = await log.waitUntil { $0.closedCount > 0 }
        XCTAssertTrue(closed)
        XCTAssertEqual(log.contents.count, 2)
        XCTAssertEqual(log.updates.last, .closed(failure: nil))
    }

    func testGivesUpAfterMaxRetriesWithTheLastError() async throws {
        let s = try await streamer(RetryPolicy(maxRetries: 2, baseDelayMillis: 5, maxDelayMillis: 5))
        let log = await RetryTestUpdates.run(s, request("/flaky 502 9 never"))
        XCTAssertEqual(log.notices.map(\.attempt), [1, 2])
        guard case let .closed(failure?)? = log.updates.last else { return XCTFail("\(log.updates)") }
        XCTAssertEqual(failure.status, 502)
        XCTAssertEqual(failure.code, "ProviderAPIStatusError")
        XCTAssertTrue(failure.message.contains("/flaky"), failure.message)
        XCTAssertTrue(log.events.isEmpty)
        let sent = await server.recordedRequests()
        XCTAssertEqual(sent.count, 3, "the first attempt and two retries")
    }

    func testNoRetryForClientErrors() async throws {
        let s = try await streamer(quick)
        for (index, status) in [400, 401, 403, 404, 409, 422].enumerated() {
            let log = await RetryTestUpdates.run(s, request("/error \(status) no"), id: UInt64(index + 1))
            XCTAssertTrue(log.notices.isEmpty, "\(status)")
            guard case let .closed(failure?)? = log.updates.last else { return XCTFail("\(status): \(log.updates)") }
            XCTAssertEqual(failure.status, status)
            XCTAssertEqual(log.updates.count, 1)
        }
        let sent = await server.recordedRequests()
        XCTAssertEqual(sent.count, 6, "one request each")
    }

    func testNoRetryOnceContentWasDeliveredEvenWhenTheConnectionDrops() async throws {
        let s = try await streamer(quick)
        let log = await RetryTestUpdates.run(s, request("/drop cut"))
        XCTAssertFalse(log.contents.isEmpty, "deltas arrived before the drop")
        XCTAssertTrue(log.notices.isEmpty)
        guard case let .closed(failure?)? = log.updates.last else { return XCTFail("\(log.updates)") }
        XCTAssertEqual(failure.code, "ConnectionDropped")
        let sent = await server.recordedRequests()
        XCTAssertEqual(sent.count, 1)
    }

    func testConnectionRefusedIsRetriedThenReported() async throws {
        let port = try closedLocalPort()
        let s = CompletionStreamer(
            transport: transport, baseURL: "http://127.0.0.1:\(port)", dialect: .prem, apiKey: nil,
            retryPolicy: RetryPolicy(maxRetries: 2, baseDelayMillis: 5, maxDelayMillis: 5), jitter: .fixed(1),
            clock: ImmediateClock())
        let log = await RetryTestUpdates.run(s, request("hello"))
        XCTAssertEqual(log.notices.map(\.attempt), [1, 2])
        XCTAssertEqual(log.notices.first?.reason.code, "ConnectionFailed")
        guard case let .closed(failure?)? = log.updates.last else { return XCTFail("\(log.updates)") }
        XCTAssertEqual(failure.code, "ConnectionFailed")
        XCTAssertTrue(failure.message.contains("127.0.0.1:\(port)"), failure.message)
    }

    func testDefaultPolicyNeverRetries() async throws {
        let resolved = await server.baseURL(for: .prem)
        let base = try XCTUnwrap(resolved).absoluteString
        let s = CompletionStreamer(transport: transport, baseURL: base, dialect: .prem, apiKey: nil)
        XCTAssertEqual(s.retryPolicy, .none)
        let log = await RetryTestUpdates.run(s, request("/flaky 503 1 once"))
        XCTAssertTrue(log.notices.isEmpty)
        guard case let .closed(failure?)? = log.updates.last else { return XCTFail("\(log.updates)") }
        XCTAssertEqual(failure.status, 503)
    }

    func testCancelDuringTheBackoffWaitClosesAtOnce() async throws {
        let clock = TestClock()
        let s = try await streamer(quick, clock: clock)
        let log = RetryTestUpdates()
        s.start(7, request("/retry-after 30 /flaky 429 1 wait")) { log.append($0) }
        let retrying = await log.waitUntil { !$0.notices.isEmpty }
        XCTAssertTrue(retrying)
        XCTAssertEqual(log.notices.first?.delayMillis, 30_000)
        let waiting = await clock.waitForSleeper()
        XCTAssertTrue(waiting)
        s.cancel(7)
        // At once: the close is delivered on the cancelling thread, before `cancel` returns.
        XCTAssertEqual(log.closedCount, 1, "closed by the cancel itself")
        guard case let .closed(failure?)? = log.updates.last else { return XCTFail("\(log.updates)") }
        XCTAssertEqual(failure.code, "Cancelled")
        await clock.advance(by: .seconds(60))  // far past the abandoned wait
        XCTAssertEqual(log.closedCount, 1)
        let sent = await server.recordedRequests()
        XCTAssertEqual(sent.count, 1, "no attempt after the cancel")
    }

    func testCancelledIdCanBeStartedAgainAfterItsClose() async throws {
        let s = try await streamer(quick, clock: TestClock())
        let first = RetryTestUpdates()
        let closed = expectation(description: "closed")
        s.start(3, request("/retry-after 30 /flaky 429 1 again")) { update in
            first.append(update)
            if case .retrying = update { s.cancel(3) }  // from inside the callback, as a UI may
            if case .closed = update { closed.fulfill() }
        }
        await fulfillment(of: [closed], timeout: 5)
        let second = await RetryTestUpdates.run(s, request("/tokens 2 fresh"), id: 3)
        XCTAssertEqual(first.closedCount, 1)
        XCTAssertEqual(second.contents.count, 2)
        XCTAssertEqual(second.updates.last, .closed(failure: nil))
    }

    func testDuplicateIdIsRefusedWithoutDisturbingTheFirst() async throws {
        let s = try await streamer(quick, clock: TestClock())
        let first = RetryTestUpdates()
        let closed = expectation(description: "first closed")
        s.start(4, request("/retry-after 30 /flaky 429 1 dup")) { update in
            first.append(update)
            if case .closed = update { closed.fulfill() }
        }
        let waiting = await first.waitUntil { !$0.notices.isEmpty }
        XCTAssertTrue(waiting, "the first is in its retry wait")
        let duplicate = await RetryTestUpdates.run(s, request("hello"), id: 4)
        guard case let .closed(failure?)? = duplicate.updates.last else { return XCTFail("\(duplicate.updates)") }
        XCTAssertTrue(failure.message.contains("already in flight"))
        XCTAssertEqual(first.closedCount, 0)
        s.cancel(4)
        await fulfillment(of: [closed], timeout: 1)
    }

    /// Cancels land at random moments (during the attempt, as it fails, during the wait, as
    /// the wait ends): every start still ends with exactly one `.closed`, and nothing after it.
    /// The moments are spread by yielding a random number of times, not by sleeping; the
    /// waits are an `ImmediateClock`'s (each one still a suspension a cancel can land in).
    func testExactlyOneClosedAcrossRetryAndCancelRaces() async throws {
        var generator = SystemRandomNumberGenerator()
        let s = try await streamer(RetryPolicy(maxRetries: 6, baseDelayMillis: 4, maxDelayMillis: 8),
                                   jitter: JitterSource { Double.random(in: 0..<1) })
        var logs: [RetryTestUpdates] = []
        for round in 0..<40 {
            let log = RetryTestUpdates()
            logs.append(log)
            let id = UInt64(100 + round)
            s.start(id, request("/retry-after 0 /flaky 500 1000 race \(round)")) { update in log.append(update) }
            for _ in 0..<Int.random(in: 0...2_000, using: &generator) { await Task.yield() }
            s.cancel(id)
        }
        // Also the races at the very start: cancel right after start, before any attempt ran.
        for round in 0..<20 {
            let log = RetryTestUpdates()
            logs.append(log)
            let id = UInt64(200 + round)
            s.start(id, request("/retry-after 0 /flaky 500 1000 instant \(round)")) { update in log.append(update) }
            s.cancel(id)
        }
        for log in logs {
            let closed = await log.waitUntil { $0.closedCount > 0 }
            XCTAssertTrue(closed)
        }
        // A last request through the same transport thread: an update still owed to an
        // earlier start would have been delivered before this one's close.
        let barrier = await RetryTestUpdates.run(s, request("/tokens 1 barrier"), id: 999)
        XCTAssertEqual(barrier.updates.last, .closed(failure: nil))
        for (index, log) in logs.enumerated() {
            XCTAssertEqual(log.closedCount, 1, "start \(index): \(log.updates)")
            guard case let .closed(failure)? = log.updates.last else { return XCTFail("start \(index) did not end with closed") }
            // Every attempt fails, so a close is always a failure: the cancel, or the 500 when
            // the cancel came after the last retry had already been refused.
            XCTAssertNotNil(failure)
        }
    }
}

/// Every update of one request, safe to fill from any thread, with waits for what arrives.
// safe: `lock` guards `list`; the waiter has its own lock.
final class RetryTestUpdates: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [CompletionUpdate] = []
    private let waiter = ConditionWaiter()

    func append(_ update: CompletionUpdate) {
        lock.withLock { list.append(update) }
        waiter.changed()
    }

    var updates: [CompletionUpdate] { lock.withLock { list } }

    var notices: [RetryNotice] {
        updates.compactMap { if case let .retrying(notice) = $0 { return notice } else { return nil } }
    }

    var events: [StreamEvent] {
        updates.flatMap { if case let .events(events) = $0 { return events } else { return [] } }
    }

    var contents: [String] {
        events.compactMap { if case let .content(text) = $0 { return text } else { return nil } }
    }

    var heartbeatCount: Int { updates.filter { $0 == .heartbeat }.count }

    var closedCount: Int {
        updates.filter { if case .closed = $0 { return true } else { return false } }.count
    }

    /// Waits (without polling) until `condition` holds for the updates so far.
    func waitUntil(timeout: Double = 20, _ condition: @escaping @Sendable (RetryTestUpdates) -> Bool) async -> Bool {
        await waiter.wait(timeout: timeout) { [self] in condition(self) }
    }

    /// Starts `request` and waits for its `.closed` (at most 20 s).
    static func run(_ streamer: CompletionStreamer, _ request: ChatRequest, id: UInt64 = 1) async -> RetryTestUpdates {
        let log = RetryTestUpdates()
        streamer.start(id, request) { log.append($0) }
        let closed = await log.waitUntil { $0.closedCount > 0 }
        XCTAssertTrue(closed, "request \(id) closed")
        return log
    }
}
