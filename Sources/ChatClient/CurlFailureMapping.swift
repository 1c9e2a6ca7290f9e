import CCurl
import Foundation

/// What a proxy said to a CONNECT, read from the handle after a failure.
struct ProxyTunnelAnswer: Equatable {
    /// CURLINFO_HTTP_CONNECTCODE: the proxy's status for the CONNECT (0 when none was sent).
    var status: Int
    /// The address the handle last talked to, which for a refused tunnel is the proxy
    /// ("127.0.0.1:3128"); nil when libcurl did not say.
    var proxyAddress: String?
}

/// Turns a libcurl result into a `TransportFailure` whose message a user can act on.
/// `detail` is curl's error buffer (may be empty); `osErrno` is CURLINFO_OS_ERRNO.
enum CurlFailureMapping {
    static func failure(
        code: CURLcode, detail: String, osErrno: Int, url: String, connectTimeoutSeconds: Double,
        tunnel: ProxyTunnelAnswer = ProxyTunnelAnswer(status: 0)
    ) -> TransportFailure {
        let curlCode = Int32(truncatingIfNeeded: code.rawValue)
        let endpoint = hostAndPort(of: url)
        let reason = detail.isEmpty ? curlDescription(code) : detail
        func make(_ kind: TransportFailure.Kind, _ message: String) -> TransportFailure {
            TransportFailure(kind: kind, message: message, curlCode: curlCode)
        }

        // libcurl reports a refused tunnel as a receive error ("CONNECT tunnel failed, response
        // 403"), which would read as the server dropping the connection; it never got that far.
        if tunnel.status >= 300 {
            let proxy = tunnel.proxyAddress.map { "the proxy \($0)" } ?? "the proxy"
            return make(.proxyRefused, "\(proxy) refused the tunnel to \(endpoint) (it answered HTTP \(tunnel.status))")
        }

        switch code {
        case CURLE_COULDNT_CONNECT:
            // "Connection refused" from errno says more than curl's sentence around it.
            let why = osErrno != 0 ? systemErrorDescription(osErrno) : reason
            return make(.couldNotConnect, "could not connect to \(endpoint): \(why)")
        case CURLE_COULDNT_RESOLVE_HOST:
            return make(.dns, "could not resolve host \(hostOnly(of: url)): \(reason)")
        case CURLE_COULDNT_RESOLVE_PROXY:
            return make(.dns, "could not resolve proxy: \(reason)")
        case CURLE_OPERATION_TIMEDOUT:
            // Only the connect timeout is configured in libcurl (idle is checked by the loop).
            return make(
                .timedOut,
                "could not connect to \(endpoint) within \(formatSeconds(connectTimeoutSeconds)): \(reason)")
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR,
            CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ENGINE_NOTFOUND,
            CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED, CURLE_USE_SSL_FAILED,
            CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT:
            return make(.tls, "TLS failure with \(endpoint): \(reason)")
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE,
            CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_HTTP3:
            return make(.connectionDropped, "connection to \(endpoint) dropped: \(reason)")
        default:
            return make(.other, "request to \(endpoint) failed: \(reason) (curl error \(curlCode))")
        }
    }

    static func idleTimeout(seconds: Double) -> TransportFailure {
        TransportFailure(
            kind: .timedOut, message: "no data for \(formatSeconds(seconds))",
            curlCode: Int32(truncatingIfNeeded: CURLE_OPERATION_TIMEDOUT.rawValue))
    }

    static func cancelled() -> TransportFailure {
        TransportFailure(
            kind: .cancelled, message: "cancelled",
            curlCode: Int32(truncatingIfNeeded: CURLE_ABORTED_BY_CALLBACK.rawValue))
    }

    /// A failure before libcurl ran at all (bad input, out of resources).
    static func setup(_ message: String, code: CURLcode = CURLE_FAILED_INIT) -> TransportFailure {
        TransportFailure(kind: .other, message: message, curlCode: Int32(truncatingIfNeeded: code.rawValue))
    }

    /// "30 s", "0.25 s": whole seconds without a fraction.
    static func formatSeconds(_ seconds: Double) -> String {
        if seconds == seconds.rounded(), abs(seconds) < 1e9 { return "\(Int(seconds)) s" }
        return String(format: "%g s", seconds)
    }

    static func curlDescription(_ code: CURLcode) -> String {
        guard let text = curl_easy_strerror(code) else { return "curl error \(code.rawValue)" }
        return String(cString: text)
    }

    static func systemErrorDescription(_ number: Int) -> String {
        guard let text = strerror(Int32(truncatingIfNeeded: number)) else { return "errno \(number)" }
        return String(cString: text)
    }

    /// "host:port" for messages; never includes credentials, path or query from the URL.
    static func hostAndPort(of url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            return "the server"
        }
        let port = components.port ?? (components.scheme?.lowercased() == "https" ? 443 : 80)
        let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(shownHost):\(port)"
    }

    static func hostOnly(of url: String) -> String {
        URLComponents(string: url)?.host ?? "of the request"
    }
}
