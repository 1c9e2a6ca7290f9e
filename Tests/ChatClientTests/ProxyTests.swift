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
