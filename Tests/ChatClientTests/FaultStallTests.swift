import ChatClient
import Foundation
import StreamProtocol
import XCTest

/// A server that sends part of a reply and then nothing, with the connection left open.
final class FaultStallTests: XCTestCase {
    private func stallingServer(_ dialect: Dialect) throws -> RawResponseServer {
        let body = FaultWire.stream(dialect, deltas: ["Waiting", " for"], withDone: false)
        let server = try RawResponseServer(script: [.write(FaultWire.streamHead()), .write(body), .stall])
        addTeardownBlock { server.stop() }
        return server
    }

    /// Cancel wakes the transport's poll at once (curl_multi_wakeup); nothing waits for a timer.
    func testCancelDuringAStallClosesWellUnder100Milliseconds() async throws {
        for dialect in Dialect.allCases {
            let server = try stallingServer(dialect)
            let client = FaultClient()
            defer { client.transport.shutdown() }
            let streamer = client.streamer(dialect, server: server)
            client.start(1, streamer, dialect)
            let gotText = await client.waitUntil(1) { $0.text == "Waiting for" }
            XCTAssertTrue(gotText, "\(dialect): the text before the stall arrives")
            // Let the loop settle into its long poll, so only the wake-up can end it promptly.
            try await Task.sleep(for: .milliseconds(300))

            let cancelledAt = FaultClient.now()
            streamer.cancel(1)
            let outcome = await client.waitForClose(1, timeout: 2)
            let closedAt = try XCTUnwrap(outcome.closedAt)
            let latencyMillis = Double(closedAt - cancelledAt) / 1e6

            XCTAssertEqual(outcome.text, "Waiting for")
            XCTAssertEqual(outcome.failure, APIError(code: "Cancelled", message: "cancelled"))
            XCTAssertEqual(outcome.closedCount, 1)
            XCTAssertNil(ErrorAdvice.advice(for: APIError(code: "Cancelled", message: "cancelled"), dialect: dialect))
            XCTAssertLessThan(latencyMillis, 100, "\(dialect): cancel took \(latencyMillis) ms")

            // And the socket really closes: the server sees the client hang up.
            let serverSawClose = await waitFor(timeout: 2) { server.clientClosedAt(connection: 0) != nil }
            XCTAssertTrue(serverSawClose)
            let socketMillis = server.clientClosedAt(connection: 0).map { Double($0 - cancelledAt) / 1e6 } ?? .nan
            XCTAssertLessThan(socketMillis, 100)
            print(String(format: "FaultStall %@: cancel → closed update %.2f ms, → server saw the close %.2f ms",
                         dialect.rawValue, latencyMillis, socketMillis))
        }
    }

    /// The idle timeout of `HTTPRequestSpec` ends a stalled reply with "no data for N s" and keeps
    /// the text before it. `CompletionStreamer` does not expose the idle timeout, so the
    /// streamer's own request spec goes through the transport here, with the same decoder.
    func testIdleTimeoutEndsAStallAndKeepsTheText() async throws {
        for dialect in Dialect.allCases {
            let server = try stallingServer(dialect)
            let client = FaultClient()
            defer { client.transport.shutdown() }
            var spec = client.streamer(dialect, server: server).httpRequest(for: FaultClient.request(dialect))
            spec.idleTimeoutSeconds = 0.3
            let recorder = EventRecorder()
            let startedAt = FaultClient.now()

            client.transport.start(RequestID(1), spec, onEvent: recorder.handler)
            let log = await recorder.waitForFinish(RequestID(1), timeout: 3)

            let elapsed = Double(try XCTUnwrap(log.finishedAt) - startedAt) / 1e9
            var decoder = StreamEventDecoder(dialect: dialect)
            let events = decoder.feed(log.body) + decoder.finish()
            XCTAssertEqual(events, FaultWire.events(dialect, deltas: ["Waiting", " for"], withDone: false))
            XCTAssertEqual(log.failure, TransportFailure(kind: .timedOut, message: "no data for 0.3 s", curlCode: 28))
            XCTAssertGreaterThanOrEqual(elapsed, 0.3)
            XCTAssertLessThan(elapsed, 1.5)
            recorder.assertWellOrdered(RequestID(1))
        }
    }

    private func waitFor(timeout: Double, _ condition: () -> Bool) async -> Bool {
        let deadline = FaultClient.now() + UInt64(timeout * 1e9)
        while FaultClient.now() < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(1))
        }
        return condition()
    }
}
