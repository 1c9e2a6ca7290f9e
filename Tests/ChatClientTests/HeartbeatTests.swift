@testable import ChatClient
import FlyingFox
import Foundation
import LocalServer
import StreamProtocol
import XCTest
import TestClockSupport

/// `.heartbeat` for bytes that decode to nothing yet, throttled; and the idle timeout wired
/// through the streamer. Heartbeats and idle timeouts run on the test's clock (the throttle
/// against a hand-driven transport is in RetryingExchangeTests).
final class HeartbeatTests: ServerBackedTestCase {
    private func localStreamer(idle: Double? = nil) async throws -> CompletionStreamer {
        let base = try await startLocalServer(LocalServerConfiguration(), dialect: .prem)
        return CompletionStreamer(
            transport: transport, baseURL: base, dialect: .prem, apiKey: nil, idleTimeoutSeconds: idle, clock: clock)
    }

    private func request(_ text: String) -> ChatRequest {
        ChatRequest(projectID: 1, model: "local-echo", messages: [ChatMessage(role: .user, content: text)])
    }

    func testThrottleAllowsAtMostOnePerInterval() {
        let throttle = HeartbeatThrottle()
        let beats = stride(from: 0, through: 1_000, by: 50).filter {
            throttle.shouldBeat(now: .seconds(10) + .milliseconds($0))
        }
        XCTAssertEqual(beats, [0, 250, 500, 750, 1_000])
    }

    /// Twelve keep-alive comments before the reply, while the clock stands still: they are a
    /// sign of life, but one heartbeat says so (the throttle counts the clock's time, and
    /// none of it passed).
    func testKeepAliveCommentsGiveThrottledHeartbeatsBeforeTheReply() async throws {
        let s = try await localStreamer()
        let log = await RetryTestUpdates.run(s, request("/comments 12 /tokens 3 alive"))
        XCTAssertEqual(log.heartbeatCount, 1, "not one per comment: \(log.updates)")
        let firstEvents = try XCTUnwrap(log.updates.firstIndex { if case .events = $0 { return true } else { return false } })
        let lastBeat = try XCTUnwrap(log.updates.lastIndex(of: .heartbeat))
        XCTAssertLessThan(lastBeat, firstEvents, "the comments come before the reply")
        XCTAssertEqual(log.contents.count, 3)
        XCTAssertEqual(log.updates.last, .closed(failure: nil))
    }

    func testNoHeartbeatsForAnErrorBody() async throws {
        let s = try await localStreamer()
        let log = await RetryTestUpdates.run(s, request("/error 500 fail"))
        XCTAssertTrue(log.heartbeatCount == 0)
        XCTAssertEqual(log.updates.count, 1)
    }

    func testIdleTimeoutIsWiredThroughTheStreamer() async throws {
        let s = try await localStreamer(idle: 0.4)
        XCTAssertEqual(s.httpRequest(for: request("x")).idleTimeoutSeconds, 0.4)
        let log = RetryTestUpdates()
        s.start(1, request("/stall quiet")) { log.append($0) }
        let delta = await log.waitUntil { !$0.contents.isEmpty }
        XCTAssertTrue(delta, "the one delta before the stall")
        let watching = await clock.waitForSleeper()
        XCTAssertTrue(watching, "the idle watchdog waits on the clock")
        await clock.advance(by: .milliseconds(399))
        XCTAssertEqual(log.closedCount, 0, "0.399 s of silence is allowed")
        await clock.advance(by: .milliseconds(1))
        let closed = await log.waitUntil { $0.closedCount > 0 }
        XCTAssertTrue(closed)
        guard case let .closed(failure?)? = log.updates.last else { return XCTFail("\(log.updates)") }
        XCTAssertEqual(failure.code, "Timeout")
        XCTAssertEqual(failure.message, "no data for 0.4 s")
    }

    func testWithoutAnIdleTimeoutAStallIsNotAborted() async throws {
        let s = try await localStreamer()
        XCTAssertNil(s.httpRequest(for: request("x")).idleTimeoutSeconds)
        let log = RetryTestUpdates()
        s.start(1, request("/stall quiet")) { log.append($0) }
        let delta = await log.waitUntil { !$0.contents.isEmpty }
        XCTAssertTrue(delta)
        let watched = await clock.hasSleeper
        XCTAssertFalse(watched, "nothing waits on the clock to end it")
        await clock.advance(by: .seconds(3_600))
        XCTAssertEqual(log.closedCount, 0, "still waiting: the UI decides what a long silence means")
        s.cancel(1)
        let closed = await log.waitUntil { $0.closedCount > 0 }
        XCTAssertTrue(closed)
        XCTAssertEqual(log.closedCount, 1)
    }
}
