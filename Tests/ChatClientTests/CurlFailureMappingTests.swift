import CCurl
@testable import ChatClient
import XCTest

final class CurlFailureMappingTests: XCTestCase {
    private func failure(_ code: CURLcode, detail: String = "detail", errno: Int = 0,
                         url: String = "https://app.premai.io/v1/chat/completions") -> TransportFailure {
        CurlFailureMapping.failure(code: code, detail: detail, osErrno: errno, url: url, connectTimeoutSeconds: 10)
    }

    func testKindsAndMessages() {
        XCTAssertEqual(failure(CURLE_COULDNT_CONNECT, errno: Int(ECONNREFUSED), url: "http://127.0.0.1:1234/x"),
                       TransportFailure(kind: .couldNotConnect,
                                        message: "could not connect to 127.0.0.1:1234: Connection refused", curlCode: 7))
        XCTAssertEqual(failure(CURLE_COULDNT_RESOLVE_HOST, detail: "Could not resolve host: app.premai.io").message,
                       "could not resolve host app.premai.io: Could not resolve host: app.premai.io")
        XCTAssertEqual(failure(CURLE_COULDNT_RESOLVE_HOST).kind, .dns)
        XCTAssertEqual(failure(CURLE_OPERATION_TIMEDOUT).kind, .timedOut)
        XCTAssertEqual(failure(CURLE_OPERATION_TIMEDOUT).message, "could not connect to app.premai.io:443 within 10 s: detail")
        XCTAssertEqual(failure(CURLE_PEER_FAILED_VERIFICATION).kind, .tls)
        XCTAssertEqual(failure(CURLE_SSL_CONNECT_ERROR).kind, .tls)
        XCTAssertEqual(failure(CURLE_RECV_ERROR).kind, .connectionDropped)
        XCTAssertEqual(failure(CURLE_PARTIAL_FILE).kind, .connectionDropped)
        XCTAssertEqual(failure(CURLE_GOT_NOTHING).kind, .connectionDropped)
        XCTAssertEqual(failure(CURLE_URL_MALFORMAT).kind, .other)
    }

    func testEmptyErrorBufferFallsBackToCurlsDescription() {
        XCTAssertEqual(failure(CURLE_GOT_NOTHING, detail: "").message,
                       "connection to app.premai.io:443 dropped: Server returned nothing (no headers, no data)")
    }

    func testMessagesNeverShowCredentialsFromTheURL() {
        let message = failure(CURLE_RECV_ERROR, url: "https://user:hunter2@example.com:8443/v1?key=secret").message
        XCTAssertEqual(message, "connection to example.com:8443 dropped: detail")
    }

    /// libcurl says "CONNECT tunnel failed, response 403" as a receive error; the CONNECT status
    /// shows it was the proxy that refused, before the server was ever reached.
    func testRefusedTunnelNamesTheProxy() {
        let refused = CurlFailureMapping.failure(
            code: CURLE_RECV_ERROR, detail: "CONNECT tunnel failed, response 403", osErrno: 0,
            url: "https://app.premai.io/v1/chat/completions", connectTimeoutSeconds: 10,
            tunnel: ProxyTunnelAnswer(status: 403, proxyAddress: "10.0.0.1:3128"))
        XCTAssertEqual(refused, TransportFailure(
            kind: .proxyRefused, message: "the proxy 10.0.0.1:3128 refused the tunnel to app.premai.io:443 (it answered HTTP 403)",
            curlCode: 56))
        let unnamed = CurlFailureMapping.failure(
            code: CURLE_RECV_ERROR, detail: "", osErrno: 0, url: "https://app.premai.io/", connectTimeoutSeconds: 10,
            tunnel: ProxyTunnelAnswer(status: 407))
        XCTAssertEqual(unnamed.message, "the proxy refused the tunnel to app.premai.io:443 (it answered HTTP 407)")
        // A tunnel that opened (200) says nothing about a later failure.
        let opened = CurlFailureMapping.failure(
            code: CURLE_RECV_ERROR, detail: "detail", osErrno: 0, url: "https://app.premai.io/", connectTimeoutSeconds: 10,
            tunnel: ProxyTunnelAnswer(status: 200, proxyAddress: "10.0.0.1:3128"))
        XCTAssertEqual(opened.kind, .connectionDropped)
    }

    func testIdleTimeoutMessage() {
        XCTAssertEqual(CurlFailureMapping.idleTimeout(seconds: 30).message, "no data for 30 s")
        XCTAssertEqual(CurlFailureMapping.idleTimeout(seconds: 0.25).message, "no data for 0.25 s")
        XCTAssertEqual(CurlFailureMapping.idleTimeout(seconds: 30).kind, .timedOut)
    }
}

final class TimeoutConversionTests: XCTestCase {
    func testSecondsFromConfigurationNeverTrap() {
        XCTAssertEqual(Transfer.clampedMilliseconds(0.3), 300)
        XCTAssertEqual(Transfer.clampedMilliseconds(0.0001), 1)
        XCTAssertEqual(Transfer.clampedMilliseconds(-5), 0)
        XCTAssertEqual(Transfer.clampedMilliseconds(.nan), 0)
        XCTAssertEqual(Transfer.clampedMilliseconds(.infinity), 315_360_000_000)
        XCTAssertEqual(Transfer.clampedMilliseconds(1e300), 315_360_000_000)
    }
}
