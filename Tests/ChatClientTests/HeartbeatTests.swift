@testable import ChatClient
import FlyingFox
import Foundation
import LocalServer
import StreamProtocol
import XCTest

/// `.heartbeat` for bytes that decode to nothing yet, throttled; and the idle timeout wired
/// through the streamer.
final class HeartbeatTests: ServerBackedTestCase {
    private func localStreamer(idle: Double? = nil) async throws -> CompletionStreamer {
        let base = try await startLocalServer(LocalServerConfiguration(), dialect: .prem)
        return CompletionStreamer(transport: transport, baseURL: base, dialect: .prem, apiKey: nil, idleTimeoutSeconds: idle)
    }

    private func request(_ text: String) -> ChatRequest {
        ChatRequest(projectID: 1, model: "local-echo", messages: [ChatMessage(role: .user, content: text)])
    }

    func testThrottleAllowsAtMostOnePerInterval() {
        let throttle = HeartbeatThrottle()
        let ms: UInt64 = 1_000_000
        let beats = stride(from: 0, through: 1_000, by: 50).filter { throttle.shouldBeat(nowNanos: 10_000 * ms + UInt64($0) * ms) }
        XCTAssertEqual(beats, [0, 250, 500, 750, 1_000])
    }

    func testKeepAliveCommentsGiveThrottledHeartbeatsBeforeTheReply() async throws {
        let s = try await localStreamer()
        // Twelve ": ping" comments 60 ms apart (about 0.7 s), then three deltas.
        let log = await RetryTestUpdates.run(s, request("/comments 12 /delay 60 /tokens 3 alive"))
        let beats = log.heartbeatTimes
        let firstEventAt = try XCTUnwrap(log.timed.first { if case .events = $0.update { return true } else { return false } }?.at)
        let span = firstEventAt.timeIntervalSince(try XCTUnwrap(beats.first))
        // One at the first comment, then at most one per 250 ms until the reply starts.
        XCTAssertGreaterThanOrEqual(beats.count, 2)
        XCTAssertLessThanOrEqual(beats.count, Int(span / 0.25) + 1, "\(beats.count) heartbeats in \(span) s")
        XCTAssertLessThan(beats.count, 12, "not one per comment")
        for (earlier, later) in zip(beats, beats.dropFirst()) {
            XCTAssertGreaterThanOrEqual(later.timeIntervalSince(earlier), 0.2, "throttled to one per 250 ms")
        }
        let firstEvents = try XCTUnwrap(log.updates.firstIndex { if case .events = $0 { return true } else { return false } })
        let lastBeat = try XCTUnwrap(log.updates.lastIndex(of: .heartbeat))
        XCTAssertLessThan(lastBeat, firstEvents, "the comments come before the reply")
        XCTAssertEqual(log.contents.count, 3)
        XCTAssertEqual(log.updates.last, .closed(failure: nil))
    }

    func testALongLineArrivingInPiecesBeatsUntilItCompletes() async throws {
        let pieces = ["data: {\"choices\":[{\"delta\":{\"content\":\"", "abc", "def\"}}]}\n", "\n", "data: [DONE]\n\n"]
        let started = try await startRawServer { _ in .paced(pieces, pause: .milliseconds(300)) }
        let s = CompletionStreamer(transport: transport, baseURL: started.baseURL, dialect: .openai, apiKey: nil)
        let log = await RetryTestUpdates.run(s, ChatRequest(model: "m", messages: [ChatMessage(role: .user, content: "x")]))
        // Pieces 1-3 complete no event (the blank line ends the block in piece 4).
        XCTAssertEqual(log.heartbeatTimes.count, 3, "\(log.updates)")
        XCTAssertEqual(log.contents, ["abcdef"])
        XCTAssertEqual(log.updates.last, .closed(failure: nil))
    }

    func testNoHeartbeatsForAnErrorBody() async throws {
        let s = try await localStreamer()
        let log = await RetryTestUpdates.run(s, request("/error 500 fail"))
        XCTAssertTrue(log.heartbeatTimes.isEmpty)
        XCTAssertEqual(log.updates.count, 1)
    }

    func testIdleTimeoutIsWiredThroughTheStreamer() async throws {
        let s = try await localStreamer(idle: 0.4)
        XCTAssertEqual(s.httpRequest(for: request("x")).idleTimeoutSeconds, 0.4)
        let started = Date()
        let log = await RetryTestUpdates.run(s, request("/stall quiet"))
        XCTAssertFalse(log.contents.isEmpty, "the one delta before the stall")
        guard case let .closed(failure?)? = log.updates.last else { return XCTFail("\(log.updates)") }
        XCTAssertEqual(failure.code, "Timeout")
        XCTAssertEqual(failure.message, "no data for 0.4 s")
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
    }

    func testWithoutAnIdleTimeoutAStallIsNotAborted() async throws {
        let s = try await localStreamer()
        XCTAssertNil(s.httpRequest(for: request("x")).idleTimeoutSeconds)
        let log = RetryTestUpdates()
        s.start(1, request("/stall quiet")) { log.append($0) }
        try await Task.sleep(for: .milliseconds(800))
        XCTAssertEqual(log.closedCount, 0, "still waiting: the UI decides what a long silence means")
        s.cancel(1)
        let deadline = Date().addingTimeInterval(2)
        while log.closedCount == 0, Date() < deadline { try await Task.sleep(for: .milliseconds(5)) }
        XCTAssertEqual(log.closedCount, 1)
    }
}
