@testable import ChatClient
import StreamProtocol
import XCTest

/// `BodyRouting` on its own: which 2xx bodies stream and which are collected, decided from the
/// Content-Type or from the first bytes wherever the body is cut.
final class FaultGapBodyRoutingTests: XCTestCase {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    func testEventStreamTypeStreamsAtOnce() {
        for type in ["text/event-stream", "Text/Event-Stream; charset=utf-8", " text/event-stream ;x=y"] {
            var routing = BodyRouting(contentType: type)
            XCTAssertEqual(routing.route, .stream, type)
            // Trusted: even a body that looks like JSON goes to the decoder.
            XCTAssertEqual(routing.take(bytes("{}")), bytes("{}"))
        }
    }

    func testFirstBytesDecideOtherwise() {
        let streams = ["data: {}\n\n", "event: completion\n", ": ping\n\n", "id: 1\n", "retry: 10\n", "\r\n\r\ndata: x", "\u{FEFF}data: x"]
        let collected = ["{\"error\":{}}", "[1]", "<html>", "stream not supported", "dat a", "Data: x", "\u{FEFF}{}"]
        for type in [nil, "text/plain", "application/json"] as [String?] {
            for body in streams {
                XCTAssertEqual(BodyRouting.sniff(bytes(body)), .stream, "\(type ?? "none"): \(body)")
            }
            for body in collected {
                XCTAssertEqual(BodyRouting.sniff(bytes(body)), .collect, "\(type ?? "none"): \(body)")
            }
        }
        for undecided in ["", "\n\n  ", "d", "dat", "data", "eve", "\u{FEFF}", "re"] {
            XCTAssertNil(BodyRouting.sniff(bytes(undecided)), undecided)
        }
        XCTAssertNil(BodyRouting.sniff([0xEF, 0xBB]), "half a BOM")
        XCTAssertEqual(BodyRouting.sniff([UInt8](repeating: 0x0A, count: 5000)), .collect, "blank lines cannot postpone forever")
    }

    /// Cut into single bytes, a stream comes out whole and in order, starting with the bytes
    /// held while the route was undecided.
    func testBytesHeldWhileUndecidedAreReplayed() {
        let body = bytes("\n: hi\n\ndata: {\"a\":1}\n\n")
        var routing = BodyRouting(contentType: "text/plain")
        var out: [UInt8] = []
        for byte in body { out += routing.take([byte]) }
        XCTAssertEqual(routing.route, .stream)
        XCTAssertEqual(out, body)
    }

    func testCollectedBodyIsBounded() {
        var routing = BodyRouting(contentType: "application/json")
        XCTAssertEqual(routing.take(bytes("{")), [])
        XCTAssertEqual(routing.route, .collect)
        let piece = [UInt8](repeating: 0x20, count: 1024 * 1024)
        for _ in 0..<5 { XCTAssertEqual(routing.take(piece), []) }
        XCTAssertEqual(routing.held.count, BodyRouting.collectLimit)
        XCTAssertTrue(routing.truncated)
    }

    func testAnUndecidedEndIsCollected() {
        var routing = BodyRouting(contentType: nil)
        _ = routing.take(bytes("da"))
        routing.finish()
        XCTAssertEqual(routing.route, .collect)
        XCTAssertEqual(routing.held, bytes("da"))
        XCTAssertFalse(routing.heldOnlyBlankText)
        var blank = BodyRouting(contentType: nil)
        _ = blank.take(bytes(" \r\n"))
        blank.finish()
        XCTAssertTrue(blank.heldOnlyBlankText)
    }
}
