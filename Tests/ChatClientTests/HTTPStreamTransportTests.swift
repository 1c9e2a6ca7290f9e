@testable import ChatClient
import Clocks
import FlyingFox
import FlyingSocks
import Foundation
import XCTest
import TestClockSupport

/// The transport against in-process servers. Its loop waits up to a minute for socket
/// activity (the app's bound is 1 s), so a cancel or a shutdown that ends promptly woke the
/// loop itself; idle timeouts run on a `TestClock` only the test moves.
final class HTTPStreamTransportTests: XCTestCase {
    private var clock: TestClock<Duration>!
    private var transport: HTTPStreamTransport!
    private var recorder: EventRecorder!
    private var server: TestHTTPServer?

    override func setUp() {
        super.setUp()
        clock = TestClock()
        transport = HTTPStreamTransport(clock: clock, maximumPollMillis: 60_000)
        recorder = EventRecorder()
    }

    override func tearDown() async throws {
        transport.shutdown()
        await server?.stop()
        server = nil
        try await super.tearDown()
    }

    private func startServer(_ respond: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) async throws -> TestHTTPServer {
        let started = try await TestHTTPServer.start(respond: respond)
        server = started
        return started
    }

    func testServerReceivesExactlyTheBodyAndHeadersSent() async throws {
        let server = try await startServer { _ in HTTPResponse(statusCode: .ok, body: Data("{}".utf8)) }
        // A NUL and non-ASCII bytes prove the body is copied by length, not as a C string.
        let body: [UInt8] = Array(#"{"messages":[{"role":"user","content":"héllo 🦊"}]}"#.utf8) + [0, 1, 2]
        let spec = HTTPRequestSpec(
            url: server.baseURL + "/v1/chat/completions", method: "POST",
            headers: [
                (name: "Authorization", value: "Bearer sk-test-123"),
                (name: "Content-Type", value: "application/json"),
                (name: "X-Trace", value: "a b  c"),
            ],
            body: body)

        transport.start(RequestID(1), spec, onEvent: recorder.handler)
        let log = await recorder.waitForFinish(RequestID(1))

        XCTAssertNil(log.failure)
        XCTAssertEqual(log.status, 200)
        recorder.assertWellOrdered(RequestID(1))
        let received = try XCTUnwrap(server.log.requests.first)
        XCTAssertEqual(server.log.requests.count, 1)
        XCTAssertEqual(received.method, "POST")
        XCTAssertEqual(received.target, "/v1/chat/completions")
        XCTAssertEqual(received.body, body)
        XCTAssertEqual(received.header("Authorization"), "Bearer sk-test-123")
        XCTAssertEqual(received.header("Content-Type"), "application/json")
        XCTAssertEqual(received.header("X-Trace"), "a b  c")
        XCTAssertEqual(received.header("Content-Length"), String(body.count))
        XCTAssertNil(received.header("Expect"), "100-continue costs a round trip")
        XCTAssertTrue(received.header("Accept-Encoding")?.contains("gzip") == true, "compressed responses are accepted")
    }

    func testGetSendsNoBody() async throws {
        let server = try await startServer { _ in HTTPResponse(statusCode: .ok, body: Data(#"{"data":[]}"#.utf8)) }
        let spec = HTTPRequestSpec(url: server.baseURL + "/models", method: "GET")

        transport.start(RequestID(2), spec, onEvent: recorder.handler)
        let log = await recorder.waitForFinish(RequestID(2))

        XCTAssertNil(log.failure)
        XCTAssertEqual(log.body, Array(#"{"data":[]}"#.utf8))
        let received = try XCTUnwrap(server.log.requests.first)
        XCTAssertEqual(received.method, "GET")
        XCTAssertEqual(received.body, [])
    }

    func testStreamedResponseArrivesAsSeveralByteEventsAfterTheHead() async throws {
        let chunks = ["data: {\"a\":1}\n\n", "data: {\"a\":2}\n\n", "data: {\"a\":3}\n\n", "data: [DONE]\n\n"]
        let server = try await startServer { _ in .paced(chunks, pause: .milliseconds(50)) }

        transport.start(RequestID(3), HTTPRequestSpec(url: server.baseURL + "/stream", body: Array("{}".utf8)),
                        onEvent: recorder.handler)
        let log = await recorder.waitForFinish(RequestID(3))

        XCTAssertNil(log.failure)
        XCTAssertEqual(log.status, 200)
        XCTAssertEqual(log.headers.first { $0.name.lowercased() == "content-type" }?.value, "text/event-stream")
        XCTAssertGreaterThanOrEqual(log.byteEvents.count, 3, "50 ms gaps must not be coalesced into one delivery")
        XCTAssertEqual(log.body, Array(chunks.joined().utf8))
        recorder.assertWellOrdered(RequestID(3))
    }

    func testErrorStatusDeliversStatusHeadersAndBody() async throws {
        let rateLimited = #"{"error":{"message":"slow down","type":"rate_limit","code":"429"}}"#
        let broken = #"{"detail":"internal error"}"#
        let server = try await startServer { request in
            if request.path.hasSuffix("/busy") {
                return HTTPResponse(statusCode: .tooManyRequests,
                                    headers: [HTTPHeader("Retry-After"): "7", HTTPHeader("Content-Type"): "application/json"],
                                    body: Data(rateLimited.utf8))
            }
            return HTTPResponse(statusCode: .internalServerError, body: Data(broken.utf8))
        }

        transport.start(RequestID(4), HTTPRequestSpec(url: server.baseURL + "/busy", body: [1]), onEvent: recorder.handler)
        transport.start(RequestID(5), HTTPRequestSpec(url: server.baseURL + "/broken", body: [1]), onEvent: recorder.handler)
        let busy = await recorder.waitForFinish(RequestID(4))
        let failed = await recorder.waitForFinish(RequestID(5))

        XCTAssertEqual(busy.status, 429)
        XCTAssertEqual(busy.headers.first { $0.name.lowercased() == "retry-after" }?.value, "7")
        XCTAssertEqual(busy.body, Array(rateLimited.utf8))
        XCTAssertNil(busy.failure, "an HTTP error status is a response, not a transport failure")
        XCTAssertEqual(failed.status, 500)
        XCTAssertEqual(failed.body, Array(broken.utf8))
        recorder.assertWellOrdered(RequestID(4))
        recorder.assertWellOrdered(RequestID(5))
    }

    func testCompressedResponseArrivesDecompressed() async throws {
        let gzipped: [UInt8] = [31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 171, 86, 202, 72, 205, 201, 201, 87, 178, 82, 74,
                                206, 207, 45, 40, 74, 45, 46, 78, 77, 81, 40, 207, 47, 202, 73, 81, 170, 5, 0, 134, 47,
                                59, 26, 28, 0, 0, 0]
        let server = try await startServer { _ in
            HTTPResponse(statusCode: .ok, headers: [HTTPHeader("Content-Encoding"): "gzip"], body: Data(gzipped))
        }

        transport.start(RequestID(6), HTTPRequestSpec(url: server.baseURL + "/gz", method: "GET"), onEvent: recorder.handler)
        let log = await recorder.waitForFinish(RequestID(6))

        XCTAssertNil(log.failure)
        XCTAssertEqual(String(decoding: log.body, as: UTF8.self), #"{"hello":"compressed world"}"#)
    }

    func testConnectionRefusedFailsQuicklyWithCouldNotConnect() async throws {
        let port = try closedLocalPort()

        transport.start(RequestID(7), HTTPRequestSpec(url: "http://127.0.0.1:\(port)/v1/chat/completions", body: [1]),
                        onEvent: recorder.handler)
        let log = await recorder.waitForFinish(RequestID(7))

        let failure = try XCTUnwrap(log.failure)
        XCTAssertEqual(failure.kind, .couldNotConnect)
        XCTAssertEqual(failure.message, "could not connect to 127.0.0.1:\(port): Connection refused")
        XCTAssertEqual(failure.curlCode, 7)
        XCTAssertNil(log.status, "no head without a response")
        recorder.assertWellOrdered(RequestID(7))
    }

    func testCancellingAStalledTransferFinishesWithinMilliseconds() async throws {
        let server = try await startServer { _ in
            .paced(["data: {\"first\":true}\n\n"], pause: .zero, pauseAtEnd: .seconds(10))
        }
        transport.start(RequestID(8), HTTPRequestSpec(url: server.baseURL + "/stall", body: [1]), onEvent: recorder.handler)
        let gotBytes = await recorder.waitForFirstBytes(RequestID(8))
        XCTAssertTrue(gotBytes)

        // The loop now sleeps in a poll of up to a minute: only curl_multi_wakeup ends it in time.
        transport.cancel(RequestID(8))
        let log = await recorder.waitForFinish(RequestID(8), timeout: 10)

        XCTAssertEqual(log.failure?.kind, .cancelled)
        recorder.assertWellOrdered(RequestID(8))
    }

    func testIdleTimeoutFiresWhenNoBytesArrive() async throws {
        let server = try await startServer { _ in
            .paced(["data: {\"first\":true}\n\n"], pause: .zero, pauseAtEnd: .seconds(10))
        }
        var spec = HTTPRequestSpec(url: server.baseURL + "/stall", body: [1])
        spec.idleTimeoutSeconds = 0.3

        transport.start(RequestID(9), spec, onEvent: recorder.handler)
        let gotBytes = await recorder.waitForFirstBytes(RequestID(9))
        XCTAssertTrue(gotBytes)
        let watching = await clock.waitForSleeper()
        XCTAssertTrue(watching, "the idle watchdog waits on the clock")
        await clock.advance(by: .milliseconds(299))
        XCTAssertTrue(recorder.log(RequestID(9)).finishes.isEmpty, "0.299 s of silence is allowed")
        await clock.advance(by: .milliseconds(1))
        let log = await recorder.waitForFinish(RequestID(9))

        let failure = try XCTUnwrap(log.failure)
        XCTAssertEqual(failure.kind, .timedOut)
        XCTAssertEqual(failure.message, "no data for 0.3 s")
        XCTAssertEqual(log.body, Array("data: {\"first\":true}\n\n".utf8), "bytes before the stall are delivered")
        recorder.assertWellOrdered(RequestID(9))
    }

    func testBodyEndingWithoutTerminatorIsConnectionDropped() async throws {
        let server = try await startServer { _ in
            HTTPResponse(statusCode: .ok, body: HTTPBodySequence(from: FailingAfterFirstChunk()))
        }

        transport.start(RequestID(10), HTTPRequestSpec(url: server.baseURL + "/drop", body: [1]), onEvent: recorder.handler)
        let log = await recorder.waitForFinish(RequestID(10))

        XCTAssertEqual(log.failure?.kind, .connectionDropped)
        XCTAssertEqual(log.body, Array("partial".utf8))
        XCTAssertTrue(log.failure?.message.hasPrefix("connection to 127.0.0.1:\(server.port) dropped: ") == true,
                      log.failure?.message ?? "")
        recorder.assertWellOrdered(RequestID(10))
    }

    func testTLSToAPlainHTTPServerFailsAsTLS() async throws {
        let server = try await startServer { _ in HTTPResponse(statusCode: .ok) }
        let url = "https://127.0.0.1:\(server.port)/v1/chat/completions"

        transport.start(RequestID(11), HTTPRequestSpec(url: url, body: [1]), onEvent: recorder.handler)
        let log = await recorder.waitForFinish(RequestID(11))

        XCTAssertEqual(log.failure?.kind, .tls)
        recorder.assertWellOrdered(RequestID(11))
    }

    func testTwentyConcurrentRequestsAllComplete() async throws {
        let server = try await startServer { request in
            .paced(["one ", "two ", request.path], pause: .milliseconds(20))
        }
        let ids = (100..<120).map { RequestID(UInt64($0)) }
        for id in ids {
            transport.start(id, HTTPRequestSpec(url: server.baseURL + "/r\(id.rawValue)", body: [1]), onEvent: recorder.handler)
        }
        for id in ids {
            let log = await recorder.waitForFinish(id, timeout: 10)
            XCTAssertNil(log.failure, "\(id)")
            XCTAssertEqual(String(decoding: log.body, as: UTF8.self), "one two /r\(id.rawValue)")
            recorder.assertWellOrdered(id)
        }
        XCTAssertEqual(server.log.requests.count, 20)
    }

    func testHeaderWithLineBreakIsRejectedWithoutEchoingItsValue() async throws {
        let server = try await startServer { _ in HTTPResponse(statusCode: .ok) }
        let spec = HTTPRequestSpec(url: server.baseURL + "/x",
                                   headers: [(name: "Authorization", value: "Bearer sk-secret\r\nX-Evil: 1")], body: [1])

        transport.start(RequestID(12), spec, onEvent: recorder.handler)
        let log = await recorder.waitForFinish(RequestID(12))

        XCTAssertEqual(log.failure?.kind, .other)
        XCTAssertFalse(log.failure?.message.contains("sk-secret") ?? true)
        XCTAssertEqual(server.log.requests.count, 0)
    }

    func testNonHTTPSchemeIsRefused() async {
        transport.start(RequestID(13), HTTPRequestSpec(url: "file:///etc/passwd", method: "GET"), onEvent: recorder.handler)
        let log = await recorder.waitForFinish(RequestID(13))

        XCTAssertEqual(log.failure?.kind, .other)
        XCTAssertTrue(log.body.isEmpty)
    }

    func testDuplicateIdIsRefusedWhileTheFirstRuns() async throws {
        let server = try await startServer { _ in .paced(["x"], pause: .zero, pauseAtEnd: .seconds(10)) }
        let firstLog = EventRecorder()
        transport.start(RequestID(14), HTTPRequestSpec(url: server.baseURL + "/a", body: [1]), onEvent: firstLog.handler)
        _ = await firstLog.waitForFirstBytes(RequestID(14))

        transport.start(RequestID(14), HTTPRequestSpec(url: server.baseURL + "/b", body: [1]), onEvent: recorder.handler)
        let duplicate = await recorder.waitForFinish(RequestID(14))

        XCTAssertEqual(duplicate.failure?.kind, .other)
        XCTAssertTrue(firstLog.log(RequestID(14)).finishes.isEmpty, "the running request is untouched")
        transport.cancel(RequestID(14))
        let first = await firstLog.waitForFinish(RequestID(14))
        XCTAssertEqual(first.failure?.kind, .cancelled)
    }

    func testShutdownCancelsInFlightRequestsAndLaterStartsEndAtOnce() async throws {
        let server = try await startServer { _ in .paced(["x"], pause: .zero, pauseAtEnd: .seconds(10)) }
        transport.start(RequestID(15), HTTPRequestSpec(url: server.baseURL + "/a", body: [1]), onEvent: recorder.handler)
        _ = await recorder.waitForFirstBytes(RequestID(15))

        // The loop sleeps in a poll of up to a minute: shutdown returns in time only by waking it.
        let returned = expectation(description: "shutdown returned")
        let transport = transport!
        Thread.detachNewThread {
            transport.shutdown()
            returned.fulfill()
        }
        await fulfillment(of: [returned], timeout: 10)
        XCTAssertEqual(recorder.log(RequestID(15)).failure?.kind, .cancelled, "shutdown returns after the last event")
        recorder.assertWellOrdered(RequestID(15))
        transport.start(RequestID(16), HTTPRequestSpec(url: server.baseURL + "/b", body: [1]), onEvent: recorder.handler)
        XCTAssertEqual(recorder.log(RequestID(16)).failure?.kind, .cancelled)
        transport.cancel(RequestID(16))  // harmless after shutdown
    }

    func testCancelOfUnknownIdIsIgnored() async throws {
        let server = try await startServer { _ in HTTPResponse(statusCode: .ok, body: Data("ok".utf8)) }
        transport.cancel(RequestID(999))
        transport.start(RequestID(17), HTTPRequestSpec(url: server.baseURL + "/a", method: "GET"), onEvent: recorder.handler)
        let log = await recorder.waitForFinish(RequestID(17))
        XCTAssertNil(log.failure)
        XCTAssertEqual(log.body, Array("ok".utf8))
        XCTAssertTrue(recorder.log(RequestID(999)).finishes.isEmpty)
    }
}

/// A chunked body that yields "partial" and then fails, so the server closes the connection
/// without the terminating chunk.
private struct FailingAfterFirstChunk: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    func makeAsyncIterator() -> Iterator { Iterator() }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var sent = false
        mutating func next() async throws -> UInt8? { nil }
        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            guard !sent else { throw CancellationError() }
            sent = true
            return Array("partial".utf8)
        }
    }
}

extension HTTPStreamTransportTests {
    /// libcurl would announce a large POST with "Expect: 100-continue" and wait for the server's
    /// go-ahead; the transport opts out so a long conversation costs no extra round trip.
    func testLargeBodyIsSentWholeWithoutExpectContinue() async throws {
        let server = try await TestHTTPServer.start { _ in HTTPResponse(statusCode: .ok) }
        defer { Task { await server.stop() } }
        let body = (0..<(2 * 1024 * 1024)).map { UInt8(truncatingIfNeeded: $0 % 251) }
        let recorder = EventRecorder()
        let transport = HTTPStreamTransport()
        defer { transport.shutdown() }

        transport.start(RequestID(1), HTTPRequestSpec(url: server.baseURL + "/big", body: body), onEvent: recorder.handler)
        let log = await recorder.waitForFinish(RequestID(1))

        XCTAssertNil(log.failure)
        let received = try XCTUnwrap(server.log.requests.first)
        XCTAssertNil(received.header("Expect"))
        XCTAssertTrue(received.body == body, "the 2 MiB body arrives intact")
    }
}

extension HTTPStreamTransportTests {
    func testShutdownTwiceAndFromSeveralThreadsReturnsEverywhere() async {
        let transport = HTTPStreamTransport()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 { group.addTask { transport.shutdown() } }
        }
        transport.shutdown()
        let recorder = EventRecorder()
        transport.start(RequestID(1), HTTPRequestSpec(url: "http://127.0.0.1:9/"), onEvent: recorder.handler)
        XCTAssertEqual(recorder.log(RequestID(1)).failure?.kind, .cancelled)
    }

    func testNonFiniteTimeoutsFromConfigurationAreHarmless() async throws {
        let server = try await TestHTTPServer.start { _ in HTTPResponse(statusCode: .ok, body: Data("ok".utf8)) }
        defer { Task { await server.stop() } }
        let transport = HTTPStreamTransport()
        defer { transport.shutdown() }
        let recorder = EventRecorder()
        let spec = HTTPRequestSpec(url: server.baseURL + "/", method: "GET",
                                   connectTimeoutSeconds: .nan, idleTimeoutSeconds: .infinity)

        transport.start(RequestID(1), spec, onEvent: recorder.handler)
        let log = await recorder.waitForFinish(RequestID(1))

        XCTAssertNil(log.failure)
        XCTAssertEqual(log.body, Array("ok".utf8))
    }
}

extension HTTPStreamTransportTests {
    /// The consumer may cancel or shut down from inside its callback (on the transport thread)
    /// without deadlocking the loop.
    func testCancelAndShutdownFromInsideTheCallback() async throws {
        let server = try await TestHTTPServer.start { _ in .paced(["x"], pause: .zero, pauseAtEnd: .seconds(10)) }
        defer { Task { await server.stop() } }
        let transport = HTTPStreamTransport()
        let recorder = EventRecorder()
        let record = recorder.handler
        transport.start(RequestID(1), HTTPRequestSpec(url: server.baseURL + "/a", body: [1])) { id, event in
            record(id, event)
            if case .bytes = event { transport.cancel(id) }
        }
        let cancelled = await recorder.waitForFinish(RequestID(1))
        XCTAssertEqual(cancelled.failure?.kind, .cancelled)

        transport.start(RequestID(2), HTTPRequestSpec(url: server.baseURL + "/b", body: [1])) { id, event in
            record(id, event)
            if case .bytes = event { transport.shutdown() }
        }
        let stopped = await recorder.waitForFinish(RequestID(2))
        XCTAssertEqual(stopped.failure?.kind, .cancelled)
        transport.shutdown()  // from the test's thread: waits for the loop to end, then returns
        recorder.assertWellOrdered(RequestID(1))
        recorder.assertWellOrdered(RequestID(2))
    }
}
