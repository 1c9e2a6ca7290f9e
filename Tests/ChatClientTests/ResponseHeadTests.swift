import ChatClient
import XCTest

/// How the final response head is assembled from what the server sends.
final class ResponseHeadTests: XCTestCase {
    func testInterimHeadIsSkippedAndFoldedLinesAreJoined() async throws {
        let server = try RawResponseServer(response:
            "HTTP/1.1 103 Early Hints\r\nLink: </style.css>\r\n\r\n"
            + "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nX-Folded: first\r\n\tsecond\r\n"
            + "Content-Length: 12\r\nConnection: close\r\n\r\n{\"detail\":1}")
        let transport = HTTPStreamTransport()
        let recorder = EventRecorder()

        transport.start(RequestID(1), HTTPRequestSpec(url: "http://127.0.0.1:\(server.port)/", method: "GET"),
                        onEvent: recorder.handler)
        let log = await recorder.waitForFinish(RequestID(1))
        transport.shutdown()
        server.stop()

        XCTAssertNil(log.failure)
        XCTAssertEqual(log.status, 401)
        XCTAssertEqual(log.headers.map(\.name), ["Content-Type", "X-Folded", "Content-Length", "Connection"])
        XCTAssertEqual(log.headers.first { $0.name == "X-Folded" }?.value, "first second")
        XCTAssertEqual(String(decoding: log.body, as: UTF8.self), "{\"detail\":1}")
        recorder.assertWellOrdered(RequestID(1))
    }

    func testEmptyBodyStillDeliversTheHeadBeforeFinishing() async throws {
        let server = try RawResponseServer(response: "HTTP/1.1 204 No Content\r\nX-Request-Id: abc\r\n\r\n")
        let transport = HTTPStreamTransport()
        let recorder = EventRecorder()

        transport.start(RequestID(2), HTTPRequestSpec(url: "http://127.0.0.1:\(server.port)/", method: "GET"),
                        onEvent: recorder.handler)
        let log = await recorder.waitForFinish(RequestID(2))
        transport.shutdown()
        server.stop()

        XCTAssertNil(log.failure)
        XCTAssertEqual(log.status, 204)
        XCTAssertEqual(log.headers.first?.value, "abc")
        XCTAssertTrue(log.byteEvents.isEmpty)
        recorder.assertWellOrdered(RequestID(2))
    }
}
