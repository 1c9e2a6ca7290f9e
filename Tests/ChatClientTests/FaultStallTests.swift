import ChatClient
import Clocks
import Foundation
import StreamProtocol
import XCTest
import TestClockSupport

/// A server that sends part of a reply and then nothing, with the connection left open.
final class FaultStallTests: XCTestCase {
    private func stallingServer(_ dialect: Dialect) throws -> RawResponseServer {
        let body = FaultWire.stream(dialect, deltas: ["Waiting", " for"], withDone: false)
        let server = try RawResponseServer(script: [.write(FaultWire.streamHead()), .write(body), .stall])
        addTeardownBlock { server.stop() }
        return server
    }

    /// Cancel wakes the transport's poll at once (curl_multi_wakeup); nothing waits for a
    /// timer. The client's loop would otherwise sleep a minute (see `FaultClient`), far past
    /// the wait for the close here.
    func testCancelDuringAStallClosesAtOnce() async throws {
        for dialect in Dialect.allCases {
            let server = try stallingServer(dialect)
            let client = FaultClient()
            defer { client.transport.shutdown() }
            let streamer = client.streamer(dialect, server: server)
            client.start(1, streamer, dialect)
            let gotText = await client.waitUntil(1) { $0.text == "Waiting for" }
            XCTAssertTrue(gotText, "\(dialect): the text before the stall arrives")

            streamer.cancel(1)
            let outcome = await client.waitForClose(1, timeout: 10)

            XCTAssertEqual(outcome.text, "Waiting for")
            XCTAssertEqual(outcome.failure, APIError(code: "Cancelled", message: "cancelled"))
            XCTAssertEqual(outcome.closedCount, 1)
            XCTAssertNil(ErrorAdvice.advice(for: APIError(code: "Cancelled", message: "cancelled"), dialect: dialect))

            // And the socket really closes: the server sees the client hang up.
            let serverSawClose = await server.waitForClientClose(connection: 0)
            XCTAssertTrue(serverSawClose)
        }
    }

    /// The idle timeout of `HTTPRequestSpec` ends a stalled reply with "no data for N s" and keeps
    /// the text before it, once the clock has gone the whole allowance without a byte.
    /// `CompletionStreamer` does not expose the idle timeout, so the streamer's own request spec
    /// goes through the transport here, with the same decoder.
    func testIdleTimeoutEndsAStallAndKeepsTheText() async throws {
        for dialect in Dialect.allCases {
            let server = try stallingServer(dialect)
            let client = FaultClient()
            defer { client.transport.shutdown() }
            var spec = client.streamer(dialect, server: server).httpRequest(for: FaultClient.request(dialect))
            spec.idleTimeoutSeconds = 0.3
            let recorder = EventRecorder()

            client.transport.start(RequestID(1), spec, onEvent: recorder.handler)
            let gotBytes = await recorder.waitForFirstBytes(RequestID(1))
            XCTAssertTrue(gotBytes)
            let watching = await client.clock.waitForSleeper()
            XCTAssertTrue(watching, "\(dialect): the idle watchdog waits on the clock")
            await client.clock.advance(by: .milliseconds(299))
            XCTAssertTrue(recorder.log(RequestID(1)).finishes.isEmpty, "\(dialect): 0.299 s of silence is allowed")
            await client.clock.advance(by: .milliseconds(1))
            let log = await recorder.waitForFinish(RequestID(1))

            var decoder = StreamEventDecoder(dialect: dialect)
            let events = decoder.feed(log.body) + decoder.finish()
            XCTAssertEqual(events, FaultWire.events(dialect, deltas: ["Waiting", " for"], withDone: false))
            XCTAssertEqual(log.failure, TransportFailure(kind: .timedOut, message: "no data for 0.3 s", curlCode: 28))
            recorder.assertWellOrdered(RequestID(1))
        }
    }

    /// A byte resets the allowance: the watchdog that wakes while the stream is younger than
    /// that goes back to sleep for the rest, counted from the latest byte.
    func testBytesArrivingLaterPushTheIdleTimeoutBack() async throws {
        let dialect = Dialect.openai
        let gate = RawGate()
        let server = try RawResponseServer(script: [
            .write(FaultWire.streamHead()), .write("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n"),
            .waitFor(gate), .write("data: {\"choices\":[{\"delta\":{\"content\":\"b\"}}]}\n\n"), .stall,
        ])
        addTeardownBlock { server.stop() }
        let client = FaultClient()
        defer { client.transport.shutdown() }
        var spec = client.streamer(dialect, server: server).httpRequest(for: FaultClient.request(dialect))
        spec.idleTimeoutSeconds = 0.3
        let recorder = EventRecorder()
        let id = RequestID(1)
        client.transport.start(id, spec, onEvent: recorder.handler)
        let first = await recorder.waitForFirstBytes(id)
        XCTAssertTrue(first)
        let armed = await client.clock.waitForSleeper()
        XCTAssertTrue(armed)

        await client.clock.advance(by: .milliseconds(200))
        gate.open()  // the second delta arrives at 0.2 s
        let second = await recorder.waitUntil(id) { $0.byteEvents.count >= 2 }
        XCTAssertTrue(second)
        await client.clock.advance(by: .milliseconds(100))  // 0.3 s: quiet only 0.1 s
        let rearmed = await client.clock.waitForSleeper()
        XCTAssertTrue(rearmed, "the watchdog sleeps again, for the rest")
        XCTAssertTrue(recorder.log(id).finishes.isEmpty)
        await client.clock.advance(by: .milliseconds(199))  // 0.499 s
        XCTAssertTrue(recorder.log(id).finishes.isEmpty)
        await client.clock.advance(by: .milliseconds(1))  // 0.5 s: 0.3 s since the second delta
        let log = await recorder.waitForFinish(id)
        XCTAssertEqual(log.failure, TransportFailure(kind: .timedOut, message: "no data for 0.3 s", curlCode: 28))
        recorder.assertWellOrdered(id)
    }
}
