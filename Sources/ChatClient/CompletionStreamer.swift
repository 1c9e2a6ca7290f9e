import Foundation
import StreamProtocol

/// What one chat-completion request produces, already decoded for the reducer.
public enum CompletionUpdate: Sendable, Equatable {
    /// Decoded events from one read (a burst of deltas arrives as one batch).
    case events([StreamEvent])
    /// The exchange is over. `failure` is set for an HTTP error status (decoded from the body),
    /// a failed or dropped connection, or a malformed stream; nil for a clean close.
    case closed(failure: APIError?)
}

/// Sends chat-completion requests over the transport and turns the bytes into `StreamEvent`s:
/// the request body encoding, the status check and the incremental decoder meet here, and
/// nothing above sees HTTP.
public final class CompletionStreamer: @unchecked Sendable {
    private let transport: HTTPStreamTransport
    private let baseURL: String
    private let dialect: Dialect
    private let apiKey: String?
    public var connectTimeoutSeconds: Double = 10

    public init(transport: HTTPStreamTransport, baseURL: String, dialect: Dialect, apiKey: String?) {
        self.transport = transport
        self.baseURL = baseURL
        self.dialect = dialect
        self.apiKey = apiKey
    }

    /// The exact HTTP request for `request` (also what a "show as curl" view renders).
    public func httpRequest(for request: ChatRequest) -> HTTPRequestSpec {
        HTTPRequestSpec(
            url: ChatEndpoint.completionsURL(base: baseURL, dialect: dialect),
            method: "POST",
            headers: ChatEndpoint.headers(apiKey: apiKey, streaming: true),
            body: RequestEncoder.body(for: request, dialect: dialect),
            connectTimeoutSeconds: connectTimeoutSeconds)
    }

    /// Starts the request; `onUpdate` runs on the transport thread, in order, ending with
    /// exactly one `.closed`.
    public func start(_ id: UInt64, _ request: ChatRequest, onUpdate: @escaping @Sendable (CompletionUpdate) -> Void) {
        let exchange = Exchange(dialect: dialect, onUpdate: onUpdate)
        transport.start(RequestID(id), httpRequest(for: request)) { _, event in
            exchange.handle(event)
        }
    }

    public func cancel(_ id: UInt64) {
        transport.cancel(RequestID(id))
    }
}

/// The state of one response as it arrives. Only the transport thread touches it.
private final class Exchange: @unchecked Sendable {
    private let dialect: Dialect
    private let onUpdate: @Sendable (CompletionUpdate) -> Void
    private var decoder: StreamEventDecoder
    private var status = 0
    /// An error response's body, collected whole to decode the error message.
    private var errorBody: [UInt8] = []
    private static let errorBodyLimit = 64 * 1024

    init(dialect: Dialect, onUpdate: @escaping @Sendable (CompletionUpdate) -> Void) {
        self.dialect = dialect
        self.onUpdate = onUpdate
        self.decoder = StreamEventDecoder(dialect: dialect)
    }

    var isSuccess: Bool { (200..<300).contains(status) }

    func handle(_ event: TransportEvent) {
        switch event {
        case let .head(status, _):
            self.status = status
        case let .bytes(bytes):
            if isSuccess {
                let events = bytes.withUnsafeBytes { decoder.feed($0) }
                if !events.isEmpty { onUpdate(.events(events)) }
            } else if errorBody.count < Self.errorBodyLimit {
                errorBody.append(contentsOf: bytes.prefix(Self.errorBodyLimit - errorBody.count))
            }
        case let .finished(failure):
            finish(failure)
        }
    }

    private func finish(_ failure: TransportFailure?) {
        if status != 0 && !isSuccess {
            onUpdate(.closed(failure: APIErrorDecoder.decode(status: status, body: errorBody, dialect: dialect)))
            return
        }
        // Whatever the decoder still holds (a last block without its blank line) counts.
        let tail = decoder.finish()
        if !tail.isEmpty { onUpdate(.events(tail)) }
        if let failure {
            onUpdate(.closed(failure: APIError(code: failure.codeName, message: failure.message)))
        } else {
            onUpdate(.closed(failure: nil))
        }
    }
}

extension TransportFailure {
    /// A short code for the error entry, in the style of the server's codes.
    var codeName: String {
        switch kind {
        case .cancelled: return "Cancelled"
        case .couldNotConnect: return "ConnectionFailed"
        case .timedOut: return "Timeout"
        case .tls: return "TLSError"
        case .dns: return "DNSError"
        case .connectionDropped: return "ConnectionDropped"
        case .other: return "TransportError"
        }
    }
}
