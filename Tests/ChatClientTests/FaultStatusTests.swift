import ChatClient
import Foundation
import StreamProtocol
import XCTest

/// Error statuses with the bodies real servers and proxies send: each dialect's JSON, DRF's
/// `{"detail": ...}` and HTML pages. The failure shown is asserted field by field (status,
/// code, message, details) together with the advice line the app puts under it.
final class FaultStatusTests: XCTestCase {
    private struct Case {
        var body: String
        var contentType = "application/json"
        var expected: APIError
        /// When this body's code picks more specific advice than the status shared by the other cases.
        var advice: String?
    }

    private static let reasons = [
        401: "Unauthorized", 404: "Not Found", 429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable",
    ]

    /// Runs every case for `status` in `dialect` and checks the failure and the advice.
    private func check(_ status: Int, _ dialect: Dialect, _ cases: [Case], advice: String, file: StaticString = #filePath, line: UInt = #line) async throws {
        for (index, item) in cases.enumerated() {
            let response = FaultWire.errorResponse(
                status: status, reason: Self.reasons[status] ?? "Error", contentType: item.contentType, body: item.body)
            let server = try RawResponseServer(script: RawStep.randomWrites(Array(response.utf8), seed: UInt64(status + index)))
            defer { server.stop() }
            let client = FaultClient()
            defer { client.transport.shutdown() }

            let outcome = await client.run(dialect, against: server)

            XCTAssertEqual(outcome.failure, item.expected, "\(status) \(dialect) case \(index)", file: file, line: line)
            XCTAssertEqual(outcome.events, [], "an error body is not a stream", file: file, line: line)
            XCTAssertEqual(outcome.closedCount, 1, file: file, line: line)
            let shown = try XCTUnwrap(outcome.failure, file: file, line: line)
            XCTAssertEqual(ErrorAdvice.advice(for: shown, dialect: dialect), item.advice ?? advice, "\(status) \(dialect) case \(index)", file: file, line: line)
        }
    }

    private func detail(_ status: Int, _ text: String) -> Case {
        Case(body: #"{"detail": ""# + text + #""}"#, expected: APIError(status: status, message: text))
    }

    /// nginx's stock error page: the message is its title; the heading repeating it and the
    /// server signature under the rule are dropped, so there are no details.
    private func nginxPage(_ status: Int, _ title: String) -> Case {
        let page = "<html>\r\n<head><title>\(title)</title></head>\r\n<body>\r\n<center><h1>\(title)</h1></center>\r\n"
            + "<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n"
        return Case(body: page, contentType: "text/html", expected: APIError(status: status, message: title))
    }

    func test401() async throws {
        let shared = [
            detail(401, "Authentication credentials were not provided."),
            nginxPage(401, "401 Authorization Required"),
        ]
        try await check(401, .prem, [
            Case(body: #"{"message":"Invalid API key","code":"AuthenticationError"}"#,
                 expected: APIError(status: 401, code: "AuthenticationError", message: "Invalid API key")),
        ] + shared, advice: "The API key was not accepted: check the key you configured (or PREMAI_API_KEY).")
        try await check(401, .openai, [
            Case(body: #"{"error":{"message":"Incorrect API key provided: sk-****","type":"invalid_request_error","code":"invalid_api_key"}}"#,
                 expected: APIError(status: 401, code: "invalid_api_key", message: "Incorrect API key provided: sk-****",
                                    details: "invalid_request_error")),
        ] + shared, advice: "The API key was not accepted: check the key you configured (or OPENAI_API_KEY).")
    }

    func test404() async throws {
        let shared = [detail(404, "Not found."), nginxPage(404, "404 Not Found")]
        // A model code says which name is wrong; a bare 404 may as well be a wrong base URL.
        let modelAdvice = "The model was not found: check the model name (--model); the models list shows what this server offers."
        try await check(404, .prem, [
            Case(body: #"{"message":"Model 'fault-model' not found","code":"ModelNotFoundError"}"#,
                 expected: APIError(status: 404, code: "ModelNotFoundError", message: "Model 'fault-model' not found"),
                 advice: modelAdvice),
        ] + shared, advice: "Not found: check the model name (--model) and the base URL (--base-url, without /v1).")
        try await check(404, .openai, [
            Case(body: #"{"error":{"message":"The model `fault-model` does not exist","type":"invalid_request_error","code":"model_not_found"}}"#,
                 expected: APIError(status: 404, code: "model_not_found", message: "The model `fault-model` does not exist",
                                    details: "invalid_request_error"),
                 advice: modelAdvice),
        ] + shared, advice: "Not found: check the model name (--model) and the base URL (--base-url, usually ending in /v1).")
    }

    func test429() async throws {
        let shared = [
            detail(429, "Request was throttled. Expected available in 7 seconds."),
            nginxPage(429, "429 Too Many Requests"),
        ]
        let advice = "Rate limited: wait a little before sending again."
        try await check(429, .prem, [
            Case(body: #"{"message":"Too many requests, slow down.","code":"RateLimitError"}"#,
                 expected: APIError(status: 429, code: "RateLimitError", message: "Too many requests, slow down.")),
        ] + shared, advice: advice)
        try await check(429, .openai, [
            Case(body: #"{"error":{"message":"Rate limit reached for requests","type":"requests","code":"rate_limit_exceeded"}}"#,
                 expected: APIError(status: 429, code: "rate_limit_exceeded", message: "Rate limit reached for requests", details: "requests")),
        ] + shared, advice: advice)
    }

    func test500() async throws {
        let shared = [detail(500, "A server error occurred."), nginxPage(500, "500 Internal Server Error")]
        let advice = "The provider is having trouble: retry later."
        try await check(500, .prem, [
            // An older prem server: provider fields, folded into details.
            Case(body: #"{"message":"Provider error","code":"ProviderInternalServerError","provider":"openai","model":"gpt-4o","provider_message":"upstream said 500"}"#,
                 expected: APIError(status: 500, code: "ProviderInternalServerError", message: "Provider error",
                                    details: "openai: upstream said 500"),
                 advice: "The model provider failed: retry later, or choose another model."),
        ] + shared, advice: advice)
        try await check(500, .openai, [
            Case(body: #"{"error":{"message":"The server had an error while processing your request.","type":"server_error","code":null}}"#,
                 expected: APIError(status: 500, message: "The server had an error while processing your request.", details: "server_error")),
        ] + shared, advice: advice)
    }

    func test503() async throws {
        // A CDN's long page: its title is the message; the heading inside the title is dropped, and
        // the text (style and script bodies dropped, entities decoded) is the details, cut to 300 characters.
        let paragraph = "The origin web server is not reachable at the moment. Please try again in a few minutes; if the problem"
            + " persists, contact the site owner &amp; quote the reference below. "
        let cdnPage = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>503 Service Unavailable</title>"
            + "<style>body { font-family: sans-serif; } h1 { color: #c00; }</style>"
            + "<script>window.__cfRay = \"7d1a\"; if (a < b) { track(); }</script></head>"
            + "<body><h1>Service&nbsp;Unavailable</h1><p>" + paragraph + paragraph + "</p><p>Ray ID: 7d1a2b3c4d5e6f70</p></body></html>"
        let expectedDetails = "The origin web server is not reachable at the moment. "
            + "Please try again in a few minutes; if the problem persists, contact the site owner & quote the reference below. "
            + "The origin web server is not reachable at the moment. Please try again in a few minutes; if the problem persists, "
            + "contact the site ow…"
        // 299 characters, then the ellipsis.
        XCTAssertEqual(expectedDetails.count, 300)
        let shared = [
            detail(503, "Service temporarily unavailable, try again later."),
            Case(body: cdnPage, contentType: "text/html; charset=UTF-8", expected: APIError(status: 503, message: "503 Service Unavailable", details: expectedDetails)),
            // An empty body: the status line is all there is to show.
            Case(body: "", contentType: "text/plain", expected: APIError(status: 503, message: "HTTP 503 Service Unavailable")),
        ]
        let advice = "The service is unavailable or overloaded: retry later."
        try await check(503, .prem, [
            Case(body: #"{"message":"Could not reach the provider","code":"ProviderAPIConnectionError"}"#,
                 expected: APIError(status: 503, code: "ProviderAPIConnectionError", message: "Could not reach the provider"),
                 advice: "The server could not reach the model provider: retry later."),
        ] + shared, advice: advice)
        try await check(503, .openai, [
            // A numeric code, as some OpenAI-compatible servers send.
            Case(body: #"{"error":{"message":"The engine is currently overloaded","type":"server_error","code":503}}"#,
                 expected: APIError(status: 503, code: "503", message: "The engine is currently overloaded", details: "server_error")),
        ] + shared, advice: advice)
    }

    /// With the default streamer (no retries) a 429 with `Retry-After` is simply the 429 error,
    /// after exactly one request.
    func testRetryAfterOn429SurfacesAsThe429WithoutARetry() async throws {
        for dialect in Dialect.allCases {
            let body = dialect == .prem
                ? #"{"message":"Too many requests, slow down.","code":"RateLimitError"}"#
                : #"{"error":{"message":"Rate limit reached for requests","type":"requests","code":"rate_limit_exceeded"}}"#
            let response = FaultWire.errorResponse(
                status: 429, reason: "Too Many Requests", contentType: "application/json", body: body, extraHeaders: ["Retry-After: 7"])
            let server = try RawResponseServer(script: [.write(response)])
            defer { server.stop() }
            let client = FaultClient()
            defer { client.transport.shutdown() }

            // `.closed` is the exchange's last update, after any retry: none can follow it.
            let outcome = await client.run(dialect, against: server)

            let expected = dialect == .prem
                ? APIError(status: 429, code: "RateLimitError", message: "Too many requests, slow down.")
                : APIError(status: 429, code: "rate_limit_exceeded", message: "Rate limit reached for requests", details: "requests")
            XCTAssertEqual(outcome.failure, expected, "\(dialect)")
            XCTAssertEqual(outcome.events, [])
            XCTAssertEqual(outcome.closedCount, 1)
            XCTAssertEqual(server.connectionCount, 1, "\(dialect): no retry by default")
            XCTAssertEqual(ErrorAdvice.advice(for: expected, dialect: dialect), "Rate limited: wait a little before sending again.")
        }
    }
}
