import ChatClient
import Foundation
import StreamProtocol
import XCTest

/// 100,000 deltas as fast as the server can write them: every one arrives, in order, and the
/// reply is their exact concatenation. The time is printed as a figure (debug build); the
/// expectation's timeout is what would catch a quadratic path.
final class FaultBurstTests: XCTestCase {
    func testBurstOfOneHundredThousandDeltas() async throws {
        let count = 100_000
        // Deltas of varied length that say which delta they are, so a lost or reordered one shows.
        let deltas = (0..<count).map { index in index % 10 == 9 ? " \(index).\n" : " \(index)" }
        for dialect in Dialect.allCases {
            let body = Array(FaultWire.stream(dialect, deltas: deltas).utf8)
            let server = try RawResponseServer(script: [.write(FaultWire.streamHead()), .write(body)])
            defer { server.stop() }
            let client = FaultClient()
            defer { client.transport.shutdown() }

            let outcome = await client.run(dialect, against: server, timeout: 120)

            XCTAssertNil(outcome.failure)
            XCTAssertEqual(outcome.contentCount, count, "\(dialect)")
            XCTAssertEqual(outcome.text, deltas.joined(), "\(dialect)")
            XCTAssertEqual(outcome.events.first, .model(FaultWire.model))
            XCTAssertEqual(outcome.events.last, .done(FaultWire.completion(dialect)))
            let megabytes = Double(body.count) / 1e6
            print(String(
                format: "FaultBurst %@: %d deltas, %.1f MB in %.3f s (%.0f deltas/s, %.1f MB/s, %d updates)",
                dialect.rawValue, count, megabytes, outcome.seconds, Double(count) / outcome.seconds,
                megabytes / outcome.seconds, outcome.updates.count))
        }
    }
}
