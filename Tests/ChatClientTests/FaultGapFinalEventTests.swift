import ChatClient
import Foundation
import StreamProtocol
import XCTest

/// A server that sends the reply's last event (`done` or `error`) and then keeps the connection
/// open: the reply is over, so the client must end the transfer itself and close at once instead
/// of waiting for the server's FIN (or forever).
final class FaultGapFinalEventTests: FaultTestCase {
    private static func isDone(_ event: StreamEvent) -> Bool {
        if case .done = event { return true }
        return false
    }

    private static func isError(_ event: StreamEvent) -> Bool {
        if case .error = event { return true }
        return false
    }

    /// Runs `body` then a stall, and checks the quiet close: `.closed(nil)` after the final
    /// event, exactly once, and the socket really closed by the client. The server never
    /// closes and the client's loop would sleep a minute between polls (see `FaultClient`),
    /// so a close within the timeout is the client ending the transfer itself, at once.
    private func checkPromptClose(
        _ dialect: Dialect, body: String, isFinal: (StreamEvent) -> Bool,
        file: StaticString = #filePath, line: UInt = #line
    ) async throws -> FaultOutcome {
        let server = try serve([.write(FaultWire.streamHead()), .write(body), .stall])
        let outcome = await client.run(dialect, against: server, timeout: 10, file: file, line: line)
        XCTAssertTrue(outcome.events.contains(where: isFinal), "\(dialect): the final event arrives", file: file, line: line)

        XCTAssertNil(outcome.failure, "\(dialect): ending the transfer after the final event is not a failure", file: file, line: line)
        XCTAssertEqual(outcome.closedCount, 1, file: file, line: line)
        XCTAssertEqual(outcome.updates.last, .closed(failure: nil), file: file, line: line)
        let hungUp = await server.waitForClientClose(connection: 0)
        XCTAssertTrue(hungUp, "\(dialect): the client hangs up", file: file, line: line)
        return outcome
    }

    func testDoneThenStallClosesPromptly() async throws {
        for dialect in Dialect.allCases {
            let body = FaultWire.stream(dialect, deltas: ["All", " there"])
            let outcome = try await checkPromptClose(dialect, body: body, isFinal: Self.isDone)
            XCTAssertEqual(outcome.text, "All there")
            XCTAssertEqual(outcome.events, FaultWire.events(dialect, deltas: ["All", " there"]))
        }
    }

    func testErrorEventThenStallClosesPromptly() async throws {
        let cases: [(Dialect, String, APIError)] = [
            (.prem, "event: error\ndata: {\"error\": \"ProviderAPITimeoutError\", \"message\": \"The provider timed out\"}\n\n",
             APIError(code: "ProviderAPITimeoutError", message: "The provider timed out")),
            (.openai, #"data: {"error":{"message":"Overloaded","type":"server_error","code":null}}"# + "\n\n",
             APIError(message: "Overloaded", details: "server_error")),
        ]
        for (dialect, errorBlock, expected) in cases {
            let body = FaultWire.stream(dialect, deltas: ["Part"], withDone: false) + errorBlock
            let outcome = try await checkPromptClose(dialect, body: body, isFinal: Self.isError)
            XCTAssertEqual(outcome.text, "Part")
            XCTAssertEqual(outcome.events, FaultWire.events(dialect, deltas: ["Part"], withDone: false) + [.error(expected)])
        }
    }

    /// Whatever a server sends after the final event is not part of the reply: not in the same
    /// read (one write holds done and more), not in later reads, and no heartbeats for it.
    func testBytesAfterTheFinalEventAreIgnored() async throws {
        for dialect in Dialect.allCases {
            let reply = FaultWire.stream(dialect, deltas: ["Kept"])
            let extra = FaultWire.chunk(dialect, content: " after done")
            let server = try serve([
                .write(FaultWire.streamHead()), .write(reply + extra), .pause(microseconds: 20_000),
                .write(extra + ": keep-alive\n\n"), .stall,
            ])
            let outcome = await client.run(dialect, against: server, timeout: 2)
            XCTAssertEqual(outcome.text, "Kept", "\(dialect)")
            XCTAssertEqual(outcome.events, FaultWire.events(dialect, deltas: ["Kept"]), "\(dialect)")
            XCTAssertEqual(outcome.events.last, .done(FaultWire.completion(dialect)))
            XCTAssertNil(outcome.failure)
            XCTAssertEqual(outcome.closedCount, 1)
            XCTAssertFalse(outcome.updates.contains(.heartbeat), "\(dialect): nothing after the end counts as life")
        }
    }

    /// The common case still works: a server that closes right after `done` (its FIN may beat
    /// the client's own hang-up) gives one clean close, and the same id may be started again as
    /// soon as `.closed` arrives without a late hang-up of the old transfer touching the new one.
    func testDoneThenCloseClosesOnceAndTheIdIsReusableAtOnce() async throws {
        for dialect in Dialect.allCases {
            let server = try serve([.write(FaultWire.streamHead()), .write(FaultWire.stream(dialect, deltas: ["One"]))])
            let streamer = client.streamer(dialect, server: server)
            for round in 0..<5 {
                // `start` replaces the outcome for the id: anything late from the previous round
                // would land in this round's updates.
                client.start(7, streamer, dialect)
                let outcome = await client.waitForClose(7, timeout: 2)
                XCTAssertEqual(outcome.text, "One", "\(dialect) round \(round)")
                XCTAssertEqual(outcome.events, FaultWire.events(dialect, deltas: ["One"]), "\(dialect) round \(round)")
                XCTAssertNil(outcome.failure, "\(dialect) round \(round)")
                XCTAssertEqual(outcome.closedCount, 1)
            }
            // One more request through the same transport thread: a late update for id 7
            // would have been delivered before this one's close.
            client.start(8, streamer, dialect)
            _ = await client.waitForClose(8, timeout: 10)
            XCTAssertEqual(client.outcome(7).closedCount, 1, "\(dialect): no second close arrives late")
            XCTAssertEqual(server.connectionCount, 6)
        }
    }
}
