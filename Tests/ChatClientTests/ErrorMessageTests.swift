import ChatClient
import FlyingFox
import Foundation
import StreamProtocol
import XCTest

/// Every error status of the protocol reference, answered with a prem JSON body, a DRF
/// `{"detail": ...}` body and a proxy's HTML page, through the real client: the failure the
/// reducer gets, and the advice the UI shows under it.
final class ErrorMessageTests: XCTestCase {
    private var transport: HTTPStreamTransport!
    private var server: TestHTTPServer!

    /// Status, prem code, what the advice must mention.
    private static let cases: [(status: Int, code: String, advice: String)] = [
        (400, "ValidationError", "parameters"),
        (401, "AuthenticationError", "PREMAI_API_KEY"),
        (403, "PermissionDeniedError", "project ID"),
        (404, "ModelNotFoundError", "model name"),
        (409, "ConflictError", "conflict"),
        (422, "UnprocessableEntityError", "model name"),
        (429, "RateLimitError", "wait"),
        (500, "ProviderInternalServerError", "retry later"),
        (502, "ProviderAPIStatusError", "retry later"),
        (503, "ProviderAPIConnectionError", "retry later"),
        (504, "ProviderAPITimeoutError", "retry later"),
    ]

    override func setUp() async throws {
        transport = HTTPStreamTransport()
        // The base URL carries the case: /STATUS/KIND, then the client's /v1/chat/completions.
        server = try await TestHTTPServer.start { request in
            let parts = request.path.split(separator: "/")
            guard parts.count >= 2, let status = Int(parts[0]) else { return HTTPResponse(statusCode: .notFound) }
            let code = ErrorMessageTests.cases.first { $0.status == status }?.code ?? "CatchAllError"
            let (type, body) = ErrorMessageTests.body(kind: String(parts[1]), status: status, code: code)
            return HTTPResponse(
                statusCode: HTTPStatusCode(status, phrase: "Status \(status)"),
                headers: [.contentType: type], body: Data(body.utf8))
        }
    }

    override func tearDown() async throws {
        transport.shutdown()
        await server.stop()
    }

    private static func body(kind: String, status: Int, code: String) -> (String, String) {
        switch kind {
        case "json":
            return ("application/json", #"{"message":"Simulated \#(code)","code":"\#(code)"}"#)
        case "detail":
            return ("application/json", #"{"detail":"Detail for \#(status)."}"#)
        default:
            let filler = String(repeating: "<p>Please try again later. </p>\n", count: 40)
            return ("text/html", "<!DOCTYPE html>\n<html><head><title>\(status) Error</title><style>h1{color:red}</style></head>\n<body><h1>Gateway says   \(status)</h1>\n\(filler)</body></html>")
        }
    }

    private func failure(_ status: Int, _ kind: String) async -> APIError? {
        let streamer = CompletionStreamer(
            transport: transport, baseURL: "\(server.baseURL)/\(status)/\(kind)", dialect: .prem, apiKey: "k")
        let request = ChatRequest(projectID: 1, model: "m", messages: [ChatMessage(role: .user, content: "hi")])
        let log = await RetryTestUpdates.run(streamer, request, id: UInt64(status))
        XCTAssertEqual(log.updates.count, 1, "\(status) \(kind): only the close")
        guard case let .closed(failure)? = log.updates.last else { return nil }
        return failure
    }

    func testJSONBodies() async throws {
        for entry in Self.cases {
            let resolved = await failure(entry.status, "json")
            let error = try XCTUnwrap(resolved, "\(entry.status)")
            XCTAssertEqual(error, APIError(status: entry.status, code: entry.code, message: "Simulated \(entry.code)"))
            let advice = try XCTUnwrap(ErrorAdvice.advice(for: error, dialect: .prem), "\(entry.status)")
            XCTAssertTrue(advice.contains(entry.advice), "\(entry.status): \(advice)")
        }
    }

    func testDetailBodies() async throws {
        for entry in Self.cases {
            let resolved = await failure(entry.status, "detail")
            let error = try XCTUnwrap(resolved)
            XCTAssertEqual(error, APIError(status: entry.status, message: "Detail for \(entry.status)."))
            XCTAssertNotNil(ErrorAdvice.advice(for: error, dialect: .prem), "\(entry.status): advice from the status alone")
        }
    }

    func testHTMLBodiesAreShownAsShortenedText() async throws {
        for entry in Self.cases {
            let resolved = await failure(entry.status, "html")
            let error = try XCTUnwrap(resolved)
            XCTAssertEqual(error.status, entry.status)
            XCTAssertNil(error.code)
            // The page's title is the message, the rest of its text the details.
            XCTAssertEqual(error.message, "\(entry.status) Error")
            let details = try XCTUnwrap(error.details)
            XCTAssertTrue(details.hasPrefix("Gateway says \(entry.status) Please try again later."), details)
            XCTAssertFalse(details.contains("<"), "tags stripped: \(details)")
            XCTAssertFalse(details.contains("color:red"), "style contents dropped")
            XCTAssertFalse(details.contains("\n"), "one line")
            XCTAssertLessThanOrEqual(details.count, APIErrorDecoder.maximumRawMessageLength)
            XCTAssertTrue(details.hasSuffix("…"), "shortened")
            XCTAssertNotNil(ErrorAdvice.advice(for: error, dialect: .prem))
        }
    }
}
