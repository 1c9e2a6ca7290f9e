import ChatClient
import Foundation
import StreamProtocol
import XCTest

/// Messages the fault suite found wanting: web servers' stock error pages (title, repeated
/// heading, server signature), a proxy refusing the HTTPS tunnel, and OpenAI's `code: null`
/// server errors, each through the real client.
final class FaultGapMessageTests: FaultTestCase {
    private func failure(status: Int, reason: String, page: String, dialect: Dialect = .prem) async throws -> APIError? {
        let response = FaultWire.errorResponse(status: status, reason: reason, contentType: "text/html", body: page)
        let server = try RawResponseServer(script: RawStep.randomWrites(Array(response.utf8), seed: UInt64(status)))
        defer { server.stop() }
        let outcome = await client.run(dialect, against: server, id: UInt64(status))
        XCTAssertEqual(outcome.events, [])
        return outcome.failure
    }

    // MARK: - Stock error pages

    func testNginxPageIsItsTitleOnly() async throws {
        for (status, title) in [(401, "401 Authorization Required"), (502, "502 Bad Gateway"), (413, "413 Request Entity Too Large")] {
            let page = "<html>\r\n<head><title>\(title)</title></head>\r\n<body>\r\n<center><h1>\(title)</h1></center>\r\n"
                + "<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n"
            let error = try await failure(status: status, reason: "Error", page: page)
            XCTAssertEqual(error, APIError(status: status, message: title))
        }
    }

    func testApachePageKeepsItsExplanationAsDetails() async throws {
        let page = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>403 Forbidden</title>\n</head><body>\n"
            + "<h1>Forbidden</h1>\n<p>You don't have permission to access this resource.</p>\n"
            + "<hr>\n<address>Apache/2.4.57 (Debian) Server at api.example.com Port 443</address>\n</body></html>\n"
        let error = try await failure(status: 403, reason: "Forbidden", page: page)
        XCTAssertEqual(error, APIError(status: 403, message: "403 Forbidden",
                                       details: "You don't have permission to access this resource."))
    }

    func testPageWithoutTitleDropsTheSignature() async throws {
        let page = "<html><body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>"
        let error = try await failure(status: 502, reason: "Bad Gateway", page: page)
        XCTAssertEqual(error, APIError(status: 502, message: "502 Bad Gateway"))
    }

    /// Text after a rule that is not a server's name stays: only signatures are dropped.
    func testRuleBeforeRealContentKeepsTheContent() async throws {
        let page = "<html><head><title>Maintenance</title></head><body><h1>Back soon</h1><hr><p>We are upgrading the cluster until 14:00 UTC.</p></body></html>"
        let error = try await failure(status: 503, reason: "Service Unavailable", page: page)
        XCTAssertEqual(error, APIError(status: 503, message: "Maintenance", details: "Back soon We are upgrading the cluster until 14:00 UTC."))
    }

    // MARK: - A proxy refusing the tunnel

    func testProxyRefusingTheHTTPSTunnelIsNamedAsTheProxy() async throws {
        let variables = ["http_proxy", "https_proxy", "HTTPS_PROXY", "no_proxy", "NO_PROXY", "all_proxy", "ALL_PROXY"]
        let saved = variables.map { ($0, ProcessInfo.processInfo.environment[$0]) }
        variables.forEach { unsetenv($0) }
        defer {
            for (name, value) in saved {
                if let value { setenv(name, value, 1) } else { unsetenv(name) }
            }
        }
        for (status, reason) in [(403, "Forbidden"), (407, "Proxy Authentication Required")] {
            let proxy = try RawResponseServer(response: "HTTP/1.1 \(status) \(reason)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            defer { proxy.stop() }
            setenv("HTTPS_PROXY", proxy.baseURL, 1)
            let streamer = CompletionStreamer(
                transport: client.transport, baseURL: "https://upstream.invalid", dialect: .prem, apiKey: "fault-key")
            client.start(UInt64(status), streamer, .prem)
            let outcome = await client.waitForClose(UInt64(status))

            XCTAssertEqual(proxy.requests.first?.requestLine, "CONNECT upstream.invalid:443 HTTP/1.1")
            let expected = APIError(
                code: "ProxyRefused",
                message: "the proxy 127.0.0.1:\(proxy.port) refused the tunnel to upstream.invalid:443 (it answered HTTP \(status))")
            XCTAssertEqual(outcome.failure, expected)
            XCTAssertEqual(ErrorAdvice.advice(for: expected, dialect: .prem),
                           "The proxy refused to connect to the server: check the proxy settings (HTTPS_PROXY, NO_PROXY) and whether the proxy allows this host or needs credentials.")
        }
    }

    // MARK: - OpenAI's null codes

    /// `{"error": {"type": "server_error", "code": null}}` in a stream has no status and no code;
    /// the type (kept in `details`) still says what kind of failure it is.
    func testOpenAIServerErrorWithNullCodeGetsAdvice() async throws {
        let block = #"data: {"error":{"message":"The server had an error while processing your request.","type":"server_error","code":null}}"# + "\n\n"
        let body = FaultWire.stream(.openai, deltas: ["Partial"], withDone: false) + block
        let server = try RawResponseServer(script: [.write(FaultWire.streamHead()), .write(body)])
        defer { server.stop() }
        let outcome = await client.run(.openai, against: server)
        let expected = APIError(message: "The server had an error while processing your request.", details: "server_error")
        XCTAssertEqual(outcome.events.last, .error(expected))
        XCTAssertEqual(outcome.text, "Partial")
        XCTAssertEqual(ErrorAdvice.advice(for: expected, dialect: .openai), "The provider is having trouble: retry later.")
    }
}
