/// Identifies one HTTP exchange. The caller chooses it (the app uses the same id its reducer
/// uses for the stream), so events can be matched to the request they belong to.
public struct RequestID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt64
    public init(_ rawValue: UInt64) { self.rawValue = rawValue }
    public var description: String { "#\(rawValue)" }
}

/// Everything libcurl needs for one request. Plain data, so it can cross threads.
public struct HTTPRequestSpec: Sendable {
    public var url: String
    /// "POST" or "GET"; any other token is sent as a custom method.
    public var method: String
    /// Sent in this order. Values may hold secrets (Authorization): never log them.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// Time allowed for DNS, TCP and TLS before the request fails with `.timedOut`.
    public var connectTimeoutSeconds: Double
    /// Abort when no byte of the response arrives for this long, measured from the start of the
    /// request and from every later byte (nil = wait forever). A model that thinks for minutes
    /// before its first token needs a generous value.
    public var idleTimeoutSeconds: Double?
    /// A PEM file of certificate authorities trusted for this request instead of the system's
    /// (CURLOPT_CAINFO, per transfer: one profile's private CA is not trusted for another's
    /// server). Verification of the peer and the host name stays on either way.
    public var caFile: String?

    public init(
        url: String,
        method: String = "POST",
        headers: [(name: String, value: String)] = [],
        body: [UInt8] = [],
        connectTimeoutSeconds: Double = 10,
        idleTimeoutSeconds: Double? = nil
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.idleTimeoutSeconds = idleTimeoutSeconds
    }
}

/// What the transport reports about one request. Per request the order is always
/// `head`, then any number of `bytes`, then exactly one `finished`. A request that fails before
/// a response head arrives (refused, DNS, TLS, cancelled early) gets only `finished`.
public enum TransportEvent: Sendable {
    /// The final response head (interim 1xx heads are skipped). Names and values are untrusted
    /// text from the network.
    case head(status: Int, headers: [(name: String, value: String)])
    /// Body bytes as they arrive, already decompressed; split at arbitrary points.
    case bytes([UInt8])
    /// The last event: nil for a clean end of the body, otherwise why it stopped.
    case finished(TransportFailure?)
}

public struct TransportFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case cancelled, couldNotConnect, timedOut, tls, dns, connectionDropped, other
        /// An HTTP proxy answered the CONNECT for an https URL with an error status (403 for a
        /// host it does not allow, 407 for missing credentials): the server was never reached.
        case proxyRefused
    }

    public var kind: Kind
    /// A sentence for the user, e.g. "could not connect to 127.0.0.1:1234: Connection refused".
    public var message: String
    /// The libcurl result code (CURLcode), kept for bug reports.
    public var curlCode: Int32

    public init(kind: Kind, message: String, curlCode: Int32) {
        self.kind = kind
        self.message = message
        self.curlCode = curlCode
    }

    public var description: String { message }
}
