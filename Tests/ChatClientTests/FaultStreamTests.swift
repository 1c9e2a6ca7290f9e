import ChatClient
import Foundation
import StreamProtocol
import XCTest

/// The real client (CompletionStreamer over libcurl) against a raw server that misbehaves the
/// way networks and servers do. Each test asserts the exact text the reply keeps and the exact
/// failure it ends with, in both dialects where their framing differs.
final class FaultStreamTests: FaultTestCase {
    /// The text every stream built from `FaultWire.sampleDeltas` must keep, spelled out.
    private let sampleText = "Hello, wörld! 日本語のテキスト 🙂 🐈‍⬛ \"quoted\"\ntab\there naïve café Ωμέγα end."

    // MARK: - Splits and framing

    func testRandomByteSplitsWithDelaysKeepEveryEvent() async throws {
        XCTAssertEqual(FaultWire.sampleDeltas.joined(), sampleText)
        // Reads that complete no event show as heartbeats, at most one per 250 ms of the
        // streamer's clock: a clock that moves, so they count towards the reads seen.
        client.transport.shutdown()
        client = FaultClient(heartbeatsInRealTime: true)
        for dialect in Dialect.allCases {
            let body = Array(FaultWire.stream(dialect, deltas: FaultWire.sampleDeltas).utf8)
            for seed: UInt64 in [1, 2, 3, 0x5EED, 0xC0FFEE, 20_240_527] {
                let server = try serve([.write(FaultWire.streamHead())] + RawStep.randomWrites(body, seed: seed))
                let outcome = await client.run(dialect, against: server, id: seed)
                XCTAssertEqual(outcome.text, sampleText, "\(dialect) seed \(seed)")
                XCTAssertEqual(outcome.events, FaultWire.events(dialect, deltas: FaultWire.sampleDeltas), "\(dialect) seed \(seed)")
                XCTAssertNil(outcome.failure, "\(dialect) seed \(seed)")
                XCTAssertEqual(outcome.closedCount, 1)
                XCTAssertEqual(server.requests.first?.requestLine, "POST /v1/chat/completions HTTP/1.1")
                // The pieces really did arrive apart: the decoder saw many reads, not one.
                XCTAssertGreaterThan(outcome.updates.count, 4, "\(dialect) seed \(seed): the splits did not reach the client")
            }
        }
    }

    func testCRLFAndCRLineEndsSplitAnywhere() async throws {
        for dialect in Dialect.allCases {
            for (name, ending) in [("CRLF", "\r\n"), ("CR", "\r")] {
                let text = FaultWire.stream(dialect, deltas: FaultWire.sampleDeltas).replacingLineEnds(with: ending)
                for seed: UInt64 in [7, 8, 9] {
                    // Pieces of at most 3 bytes: many CR|LF pairs are cut between two reads.
                    let writes = RawStep.randomWrites(Array(text.utf8), seed: seed, maxPiece: 3, maxPauseMicros: 200)
                    let server = try serve([.write(FaultWire.streamHead())] + writes)
                    let outcome = await client.run(dialect, against: server, id: seed)
                    XCTAssertEqual(outcome.text, sampleText, "\(dialect) \(name) seed \(seed)")
                    XCTAssertEqual(outcome.events, FaultWire.events(dialect, deltas: FaultWire.sampleDeltas), "\(dialect) \(name) seed \(seed)")
                    XCTAssertNil(outcome.failure)
                }
            }
        }
    }

    func testKeepAliveCommentsBetweenAndInsideEvents() async throws {
        for dialect in Dialect.allCases {
            var text = ": connected\n\n"
            for (index, chunk) in FaultWire.stream(dialect, deltas: FaultWire.sampleDeltas).components(separatedBy: "\n\n").enumerated()
            where !chunk.isEmpty {
                // A comment line inside the block (before its last line) and a keep-alive block after it.
                var lines = chunk.components(separatedBy: "\n")
                lines.insert(index % 2 == 0 ? ": ping" : ":", at: lines.count - 1)
                text += lines.joined(separator: "\n") + "\n\n: keep-alive \(index)\n\n"
            }
            let server = try serve([.write(FaultWire.streamHead())] + RawStep.randomWrites(Array(text.utf8), seed: 11))
            let outcome = await client.run(dialect, against: server)
            XCTAssertEqual(outcome.text, sampleText, "\(dialect)")
            XCTAssertEqual(outcome.events, FaultWire.events(dialect, deltas: FaultWire.sampleDeltas), "\(dialect)")
            XCTAssertNil(outcome.failure)
        }
    }

    func testHTTPChunkedBodyWithChunksCuttingUTF8Sequences() async throws {
        for dialect in Dialect.allCases {
            let body = Array(FaultWire.stream(dialect, deltas: FaultWire.sampleDeltas).utf8)
            // Cut at every continuation byte (10xxxxxx): each cut falls inside a multi-byte character.
            let cuts = body.indices.filter { body[$0] & 0xC0 == 0x80 }
            XCTAssertGreaterThan(cuts.count, 30)
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
            let server = try serve([.write(head)] + RawStep.chunkedWrites(body, cuts: cuts, pauseMicros: 300))
            let outcome = await client.run(dialect, against: server)
            XCTAssertEqual(outcome.text, sampleText, "\(dialect)")
            XCTAssertEqual(outcome.events, FaultWire.events(dialect, deltas: FaultWire.sampleDeltas), "\(dialect)")
            XCTAssertNil(outcome.failure)
        }
    }

    // MARK: - Endings that are not `done`

    func testErrorEventMidStreamKeepsTheTextAndEndsWithTheError() async throws {
        let premError = "event: error\ndata: {\"error\": \"ProviderAPITimeoutError\", \"message\": \"The provider timed out\"}\n\n"
        let openAIDataError = #"data: {"error":{"message":"The server had an error while processing your request.","type":"server_error","code":null}}"#
            + "\n\n"
        let openAIEventError = "event: error\n"
            + #"data: {"error":{"message":"Rate limit reached for requests","type":"requests","code":"rate_limit_exceeded"}}"#
            + "\n\n"
        let cases: [(Dialect, String, APIError, String?)] = [
            (.prem, premError, APIError(code: "ProviderAPITimeoutError", message: "The provider timed out"),
             "The model provider did not answer in time: retry later, or choose another model."),
            // OpenAI's server errors carry `code: null`; the type lands in `details` and there is
            // no status in a stream, so ErrorAdvice keys on the type.
            (.openai, openAIDataError, APIError(message: "The server had an error while processing your request.", details: "server_error"),
             "The provider is having trouble: retry later."),
            (.openai, openAIEventError, APIError(code: "rate_limit_exceeded", message: "Rate limit reached for requests", details: "requests"),
             "Rate limited: wait a little before sending again."),
        ]
        for (dialect, errorBlock, expected, advice) in cases {
            let body = FaultWire.stream(dialect, deltas: ["Partial", " reply"], withDone: false) + errorBlock
            let server = try serve([.write(FaultWire.streamHead())] + RawStep.randomWrites(Array(body.utf8), seed: 3))
            let outcome = await client.run(dialect, against: server)
            XCTAssertEqual(outcome.text, "Partial reply")
            XCTAssertEqual(outcome.events, FaultWire.events(dialect, deltas: ["Partial", " reply"], withDone: false) + [.error(expected)])
            XCTAssertNil(outcome.failure, "the transport ended cleanly; the error is the last event")
            XCTAssertEqual(ErrorAdvice.advice(for: expected, dialect: dialect), advice)
        }
    }

    func testCleanCloseWithoutDoneKeepsThePartialText() async throws {
        for dialect in Dialect.allCases {
            let body = FaultWire.stream(dialect, deltas: ["Half", " a reply"], withDone: false)
            let server = try serve([.write(FaultWire.streamHead())] + RawStep.randomWrites(Array(body.utf8), seed: 5))
            let outcome = await client.run(dialect, against: server)
            XCTAssertEqual(outcome.text, "Half a reply")
            // No `.done` and no failure: the reducer turns exactly this into "the text above is incomplete".
            XCTAssertEqual(outcome.events, FaultWire.events(dialect, deltas: ["Half", " a reply"], withDone: false))
            XCTAssertNil(outcome.failure)
            XCTAssertEqual(outcome.updates.last, .closed(failure: nil))
        }
    }

    func testCloseInsideALastBlockKeepsWhatWasWhole() async throws {
        for dialect in Dialect.allCases {
            let start = FaultWire.stream(dialect, deltas: ["Head"], withDone: false)
            // A last chunk ended by one line end only: no blank line, so only the close dispatches it.
            let unterminated = start + FaultWire.chunk(dialect, content: " tail").dropLast()
            // A last chunk cut in the middle of its JSON: not a chunk, dropped (and counted).
            let cut = start + FaultWire.chunk(dialect, content: " lost").dropLast(30)
            for (body, expected) in [(unterminated, "Head tail"), (cut, "Head")] {
                let server = try serve([.write(FaultWire.streamHead()), .write(body)])
                let outcome = await client.run(dialect, against: server)
                XCTAssertEqual(outcome.text, expected, "\(dialect)")
                XCTAssertFalse(outcome.events.contains { if case .done = $0 { return true } else { return false } })
                XCTAssertNil(outcome.failure)
            }
        }
    }

    func testChunkedBodyEndingBeforeItsLastChunkIsADroppedConnection() async throws {
        for dialect in Dialect.allCases {
            let body = Array(FaultWire.stream(dialect, deltas: ["Cut", " short"], withDone: false).utf8)
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
            let server = try serve([.write(head)] + RawStep.chunkedWrites(body, cuts: [body.count / 2], terminate: false))
            let outcome = await client.run(dialect, against: server)
            XCTAssertEqual(outcome.text, "Cut short")
            XCTAssertEqual(outcome.failure, APIError(
                code: "ConnectionDropped",
                message: "connection to 127.0.0.1:\(server.port) dropped: transfer closed with outstanding read data remaining"))
        }
    }

    func testConnectionResetMidStreamKeepsThePartialText() async throws {
        for dialect in Dialect.allCases {
            let body = FaultWire.stream(dialect, deltas: ["Before", " the", " reset"], withDone: false)
            // The pause lets the client read everything first: a reset discards unread data.
            let server = try serve([.write(FaultWire.streamHead()), .write(body), .pause(microseconds: 150_000), .reset])
            let outcome = await client.run(dialect, against: server)
            XCTAssertEqual(outcome.text, "Before the reset")
            XCTAssertEqual(outcome.events, FaultWire.events(dialect, deltas: ["Before", " the", " reset"], withDone: false))
            XCTAssertEqual(outcome.failure, APIError(
                code: "ConnectionDropped",
                message: "connection to 127.0.0.1:\(server.port) dropped: Recv failure: Connection reset by peer"))
        }
    }

    // MARK: - Sizes and bytes

    func testOneMegabyteDataLineArrivesIntact() async throws {
        // 1,000,000 characters (1,250,000 bytes of UTF-8) in one delta, so one data line of ~1.25 MB.
        let big = String(repeating: "0123456789abcdefghijklmnopqrstuvwxyzé日🙂!", count: 25_000)
        XCTAssertEqual(big.count, 1_000_000)
        for dialect in Dialect.allCases {
            let deltas = ["start ", big, " end"]
            let body = Array(FaultWire.stream(dialect, deltas: deltas).utf8)
            let server = try serve([.write(FaultWire.streamHead())]
                + RawStep.randomWrites(body, seed: 99, maxPiece: 128 * 1024, maxPauseMicros: 500))
            let outcome = await client.run(dialect, against: server)
            XCTAssertEqual(outcome.events.count, 5)
            XCTAssertTrue(outcome.events.contains(.content(big)), "\(dialect): the big delta is one event, intact")
            XCTAssertEqual(outcome.text, "start " + big + " end")
            XCTAssertEqual(outcome.events.last, .done(FaultWire.completion(dialect)))
            XCTAssertNil(outcome.failure)
        }
    }

    func testInvalidUTF8InContentBecomesReplacementCharacters() async throws {
        for dialect in Dialect.allCases {
            // A lone 0xFF, a three-byte sequence cut short before "x", a lead byte right before
            // the closing quote, and a valid "é" written across two reads.
            let bad: [UInt8] = Array("ok ".utf8) + [0xFF] + Array(" ".utf8) + [0xE6, 0x97] + Array("x".utf8) + [0xC3]
            var chunk = Array(FaultWire.chunk(dialect, content: "@").utf8)
            let marker = try XCTUnwrap(chunk.firstIndex(of: UInt8(ascii: "@")))
            chunk.replaceSubrange(marker...marker, with: bad)
            let before = Array(FaultWire.stream(dialect, deltas: ["caf"], withDone: false).utf8)
            let accent = Array(FaultWire.chunk(dialect, content: "é!").utf8)
            let split = try XCTUnwrap(accent.firstIndex(of: 0xC3)) + 1
            // An invalid byte in an event name outside JSON must not break framing either.
            let junkEvent = Array("event: p\u{1}ng\n".utf8) + [0xFE] + Array("\ndata: {}\n\n".utf8)
            let script: [RawStep] = [
                .write(FaultWire.streamHead()), .write(before), .pause(microseconds: 2_000),
                .write(Array(accent[..<split])), .pause(microseconds: 2_000), .write(Array(accent[split...])),
                .write(junkEvent), .write(chunk), .write(FaultWire.done(dialect)),
            ]
            let server = try serve(script)
            let outcome = await client.run(dialect, against: server)
            XCTAssertEqual(outcome.text, "café!ok \u{FFFD} \u{FFFD}x\u{FFFD}", "\(dialect)")
            XCTAssertEqual(outcome.events.last, .done(FaultWire.completion(dialect)))
            XCTAssertNil(outcome.failure)
        }
    }

    func testGzipEncodedStreamIsAdvertisedAndDecoded() async throws {
        for dialect in Dialect.allCases {
            let compressed = try XCTUnwrap(FaultGzipFixture.gzip(dialect))
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Encoding: gzip\r\nConnection: close\r\n\r\n"
            let server = try serve([.write(head)] + RawStep.randomWrites(compressed, seed: 21, maxPiece: 16))
            let outcome = await client.run(dialect, against: server)
            XCTAssertEqual(outcome.text, FaultGzipFixture.text, "\(dialect)")
            XCTAssertEqual(outcome.events, FaultWire.events(dialect, deltas: FaultGzipFixture.deltas), "\(dialect)")
            XCTAssertNil(outcome.failure)
            let accepted = try XCTUnwrap(server.requests.first?.header("Accept-Encoding"), "the client must advertise encodings")
            XCTAssertTrue(accepted.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.contains("gzip"), accepted)
        }
    }
}
