import ChatClient
import FlyingFox
import Foundation
import XCTest

/// libcurl reads `http_proxy`/`https_proxy`/`no_proxy` itself; the transport must not switch that
/// off. A local server plays the proxy and records the absolute-URI request line a client only
/// sends to a proxy.
final class ProxyTests: XCTestCase {
    func testHTTPProxyFromEnvironmentIsUsed() async throws {
        let proxy = try await TestHTTPServer.start { _ in HTTPResponse(statusCode: .ok, body: Data("via proxy".utf8)) }
        let saved = ["http_proxy", "no_proxy", "NO_PROXY"].map { ($0, ProcessInfo.processInfo.environment[$0]) }
        setenv("http_proxy", proxy.baseURL, 1)
        unsetenv("no_proxy")
        unsetenv("NO_PROXY")
        let transport = HTTPStreamTransport()
        let recorder = EventRecorder()
        defer {
            transport.shutdown()
            for (name, value) in saved {
                if let value { setenv(name, value, 1) } else { unsetenv(name) }
            }
        }

        // .invalid never resolves: the request can only succeed through the proxy.
        let target = "http://upstream.invalid/v1/chat/completions"
        transport.start(RequestID(1), HTTPRequestSpec(url: target, body: Array("{}".utf8)), onEvent: recorder.handler)
        let log = await recorder.waitForFinish(RequestID(1))
        await proxy.stop()

        XCTAssertNil(log.failure)
        XCTAssertEqual(log.body, Array("via proxy".utf8))
        let received = try XCTUnwrap(proxy.log.requests.first)
        XCTAssertEqual(received.target, target, "a proxied request names the absolute URI")
        XCTAssertEqual(received.header("Host"), "upstream.invalid")
        XCTAssertEqual(received.body, Array("{}".utf8))
    }
}

/// The other two variables: `HTTPS_PROXY` (upper case, which libcurl honours for https) makes
/// libcurl open a CONNECT tunnel through the proxy, and `NO_PROXY` sends matching hosts direct.
/// Raw servers play proxy and origin, so each test sees which one the request reached.
final class ProxyEnvironmentTests: XCTestCase {
    private static let variables = ["http_proxy", "https_proxy", "HTTPS_PROXY", "no_proxy", "NO_PROXY", "all_proxy", "ALL_PROXY"]
    private var saved: [(String, String?)] = []

    override func setUp() {
        super.setUp()
        saved = Self.variables.map { ($0, ProcessInfo.processInfo.environment[$0]) }
        Self.variables.forEach { unsetenv($0) }
    }

    override func tearDown() {
        for (name, value) in saved {
            if let value { setenv(name, value, 1) } else { unsetenv(name) }
        }
        super.tearDown()
    }

    func testHTTPSProxyFromEnvironmentGetsAConnectForTheTarget() async throws {
        // The proxy refuses the tunnel: what matters is that libcurl asked it for one.
        let proxy = try RawResponseServer(response: "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        defer { proxy.stop() }
        setenv("HTTPS_PROXY", proxy.baseURL, 1)
        let transport = HTTPStreamTransport()
        defer { transport.shutdown() }
        let recorder = EventRecorder()

        transport.start(RequestID(1), HTTPRequestSpec(url: "https://upstream.invalid/v1/chat/completions", body: Array("{}".utf8)),
                        onEvent: recorder.handler)
        let log = await recorder.waitForFinish(RequestID(1))

        XCTAssertEqual(proxy.requests.first?.requestLine, "CONNECT upstream.invalid:443 HTTP/1.1")
        XCTAssertEqual(proxy.requests.first?.header("Host"), "upstream.invalid:443")
        XCTAssertEqual(log.failure, TransportFailure(
            kind: .proxyRefused,
            message: "the proxy 127.0.0.1:\(proxy.port) refused the tunnel to upstream.invalid:443 (it answered HTTP 403)",
            curlCode: 56))
        XCTAssertNil(log.status, "the proxy's own answer is not the server's head")
        recorder.assertWellOrdered(RequestID(1))
    }

    func testNoProxyFromEnvironmentSendsMatchingHostsDirect() async throws {
        let proxy = try RawResponseServer(response: "HTTP/1.1 200 OK\r\nContent-Length: 9\r\nConnection: close\r\n\r\nvia proxy")
        defer { proxy.stop() }
        let origin = try RawResponseServer(response: "HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\ndirect")
        defer { origin.stop() }
        setenv("http_proxy", proxy.baseURL, 1)
        let transport = HTTPStreamTransport()
        defer { transport.shutdown() }
        let recorder = EventRecorder()
        let target = origin.baseURL + "/v1/chat/completions"

        // Control: without NO_PROXY even 127.0.0.1 goes through the proxy, so the second
        // request below can only go direct because of NO_PROXY.
        transport.start(RequestID(1), HTTPRequestSpec(url: target, body: Array("{}".utf8)), onEvent: recorder.handler)
        let proxied = await recorder.waitForFinish(RequestID(1))
        XCTAssertEqual(proxied.body, Array("via proxy".utf8))
        XCTAssertEqual(proxy.requests.first?.requestLine, "POST \(target) HTTP/1.1")

        setenv("NO_PROXY", "example.invalid, 127.0.0.1", 1)
        transport.start(RequestID(2), HTTPRequestSpec(url: target, body: Array("{}".utf8)), onEvent: recorder.handler)
        let direct = await recorder.waitForFinish(RequestID(2))

        XCTAssertNil(direct.failure)
        XCTAssertEqual(direct.body, Array("direct".utf8))
        XCTAssertEqual(origin.requests.first?.requestLine, "POST /v1/chat/completions HTTP/1.1")
        XCTAssertEqual(proxy.connectionCount, 1, "only the control request reached the proxy")
    }
}
