@testable import ChatClient
import Clocks
import Foundation
import LocalServer
import StreamProtocol
import XCTest

/// The whole client path against the bundled server: encode, POST through libcurl, decode.
/// The transport's loop waits up to a minute for socket activity, so a cancel that closes
/// within the tests' timeouts woke it; its clock is a `TestClock` nothing here moves.
final class CompletionStreamerTests: XCTestCase {
    private var server: LocalPremServer!
    private var transport: HTTPStreamTransport!

    override func setUp() async throws {
        HTTPStreamTransport.globalInit()
        server = LocalPremServer(configuration: LocalServerConfiguration(requiredAPIKey: "test-key"))
        _ = try await server.start()
        transport = HTTPStreamTransport(clock: TestClock(), maximumPollMillis: 60_000)
    }

    override func tearDown() async throws {
        transport.shutdown()
        await server.stop()
    }

    private func streamer(_ dialect: Dialect, key: String? = "test-key") async throws -> CompletionStreamer {
        let url = await server.baseURL(for: dialect)
        let base = try XCTUnwrap(url).absoluteString
        return CompletionStreamer(transport: transport, baseURL: base, dialect: dialect, apiKey: key)
    }

    /// Runs one request to its end and returns every update.
    private func collect(_ streamer: CompletionStreamer, _ request: ChatRequest, id: UInt64 = 1) async -> [CompletionUpdate] {
        let box = UpdateBox()
        let done = expectation(description: "closed")
        streamer.start(id, request) { update in
            box.append(update)
            if case .closed = update { done.fulfill() }
        }
        await fulfillment(of: [done], timeout: 10)
        return box.updates
    }

    private func premRequest(_ text: String) -> ChatRequest {
        ChatRequest(projectID: 1, model: "local-echo", messages: [ChatMessage(role: .user, content: text)],
                    sessionID: "s-1", temperature: 0.5)
    }

    func testPremStreamDecodesToContentAndDoneWithTrace() async throws {
        let updates = await collect(try await streamer(.prem), premRequest("/tokens 25 count these"))
        let events = updates.flatMap { if case let .events(e) = $0 { return e } else { return [] } }
        let contents = events.compactMap { if case let .content(t) = $0 { return t } else { return nil } }
        XCTAssertEqual(contents.count, 25)
        guard case let .done(completion)? = events.last else { return XCTFail("no done: \(events.suffix(2))") }
        XCTAssertNotNil(completion.traceID)
        XCTAssertEqual(completion.documentChunksJSON, "[]")
        XCTAssertEqual(updates.last, .closed(failure: nil))

        // What was sent: the encoder's body, the key as a bearer token.
        let all = await server.recordedRequests()
        let recorded = try XCTUnwrap(all.last)
        XCTAssertEqual(recorded.path, "/v1/chat/completions")
        XCTAssertEqual(recorded.header("Authorization"), "Bearer test-key")
        XCTAssertEqual(recorded.header("Accept"), "text/event-stream")
        XCTAssertEqual(Array(recorded.body), RequestEncoder.body(for: premRequest("/tokens 25 count these"), dialect: .prem))
    }

    func testOpenAIStreamDecodes() async throws {
        let request = ChatRequest(model: "local-echo", messages: [ChatMessage(role: .user, content: "/tokens 7 hi")], systemPrompt: "be brief")
        let updates = await collect(try await streamer(.openai), request)
        let events = updates.flatMap { if case let .events(e) = $0 { return e } else { return [] } }
        XCTAssertEqual(events.filter { if case .content = $0 { return true } else { return false } }.count, 7)
        XCTAssertEqual(events.last, .done(StreamCompletion()))
    }

    func testHTTPErrorBecomesADecodedAPIError() async throws {
        let updates = await collect(try await streamer(.prem, key: "wrong"), premRequest("hello"))
        guard case let .closed(failure?)? = updates.last else { return XCTFail("\(updates)") }
        XCTAssertEqual(failure.status, 401)
        XCTAssertEqual(failure.code, "AuthenticationError")
        XCTAssertEqual(updates.count, 1, "no events from an error body")
    }

    func testMidStreamErrorEventAndDroppedConnection() async throws {
        let s = try await streamer(.prem)
        let failed = await collect(s, premRequest("/stream-error x"), id: 1)
        let events = failed.flatMap { if case let .events(e) = $0 { return e } else { return [] } }
        XCTAssertTrue(events.contains { if case let .error(e) = $0 { return e.message == "upstream failed" } else { return false } })

        let dropped = await collect(s, premRequest("/drop y"), id: 2)
        let partial = dropped.flatMap { if case let .events(e) = $0 { return e } else { return [] } }
        XCTAssertFalse(partial.isEmpty, "the deltas before the drop arrive")
        XCTAssertFalse(partial.contains { if case .done = $0 { return true } else { return false } })
        guard case let .closed(failure?)? = dropped.last else { return XCTFail("a drop is a failure: \(dropped.last.map { "\($0)" } ?? "-")") }
        XCTAssertEqual(failure.code, "ConnectionDropped")
    }

    func testCancelOfAStalledStreamClosesQuickly() async throws {
        let s = try await streamer(.prem)
        let box = UpdateBox()
        let firstContent = expectation(description: "first delta")
        let closed = expectation(description: "closed")
        s.start(9, premRequest("/stall wait")) { update in
            box.append(update)
            if case .events = update, box.updates.count == 1 { firstContent.fulfill() }
            if case .closed = update { closed.fulfill() }
        }
        await fulfillment(of: [firstContent], timeout: 5)
        s.cancel(9)
        await fulfillment(of: [closed], timeout: 10)
        XCTAssertEqual(box.updates.last, .closed(failure: APIError(code: "Cancelled", message: box.cancelMessage ?? "")))
    }
}

// safe: `lock` guards `list`, the only field.
private final class UpdateBox: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [CompletionUpdate] = []
    func append(_ u: CompletionUpdate) { lock.lock(); list.append(u); lock.unlock() }
    var updates: [CompletionUpdate] { lock.lock(); defer { lock.unlock() }; return list }
    var cancelMessage: String? {
        if case let .closed(failure?)? = updates.last { return failure.message }
        return nil
    }
}
