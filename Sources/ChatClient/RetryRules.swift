import StreamProtocol

/// Which failed attempts are worth another try. The caller adds the rule that matters most:
/// only while nothing of the reply has been delivered (a retry after a shown delta would
/// repeat or contradict text the user already read).
public enum RetryRules {
    /// 429 and 5xx: the server is overloaded, rate limiting or briefly broken, and the same
    /// request may well succeed a moment later. Not 501 (Not Implemented) or 505 (HTTP Version
    /// Not Supported): those answers do not change with time. Not 4xx otherwise: 400, 401, 403,
    /// 404, 409 and 422 say the request itself is wrong. A 429 whose code says the quota is used
    /// up (`insufficient_quota`, OpenAI's billing limit) is not a rate limit and no wait fixes it.
    public static func isRetryable(status: Int, code: String?) -> Bool {
        switch status {
        case 429: return code != "insufficient_quota"
        case 501, 505: return false
        case 500...599: return true
        default: return false
        }
    }

    /// Connection-level failures. `responseStarted` is true once a response head arrived.
    /// - couldNotConnect: refused or unreachable; a restarting server comes back.
    /// - connectionDropped: reset or closed early (a proxy recycling connections).
    /// - timedOut: only before a head (the connect timeout, or a server that accepted the
    ///   connection but never answered). After a head it is the idle timeout the user chose as a
    ///   hard limit; retrying would multiply that wait.
    /// - dns: not retried. A misspelt host in the base URL is by far the usual cause, and it
    ///   should fail at once rather than after every backoff.
    /// - proxyRefused: the proxy's rules or credentials do not change between attempts.
    /// - tls, cancelled, other: retrying cannot help (a bad certificate stays bad; a cancel is
    ///   the user's choice; `other` is a setup problem such as a malformed URL).
    public static func isRetryable(_ failure: TransportFailure, responseStarted: Bool) -> Bool {
        switch failure.kind {
        case .couldNotConnect, .connectionDropped: return true
        case .timedOut: return !responseStarted
        case .dns, .tls, .cancelled, .other, .proxyRefused: return false
        }
    }
}
