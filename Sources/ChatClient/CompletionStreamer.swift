import Foundation
import StreamProtocol

/// What one chat-completion request produces, already decoded for the reducer.
public enum CompletionUpdate: Sendable, Equatable {
    /// Decoded events from one read (a burst of deltas arrives as one batch).
    case events([StreamEvent])
    /// The attempt failed before any reply event arrived and will be tried again after
    /// `delayMillis` (sent right before the wait starts; `cancel` ends the wait at once).
    case retrying(RetryNotice)
    /// Bytes arrived that produced no event yet (keep-alive comments, a long line in
    /// progress): the connection is alive. At most one per 250 ms per request.
    case heartbeat
    /// The exchange is over. `failure` is set for an HTTP error status (decoded from the body),
    /// a failed or dropped connection, or a malformed stream; nil for a clean close.
    case closed(failure: APIError?)
}

/// Sends chat-completion requests over the transport and turns the bytes into `StreamEvent`s:
/// the request body encoding, the status check, retries before the reply begins and the
/// incremental decoder meet here, and nothing above sees HTTP.
// safe: the three settings below are set once before the first request (the app configures,
// then streams); everything else is `let`, and the exchange table has its own lock.
public final class CompletionStreamer: @unchecked Sendable {
    private let transport: HTTPStreamTransport
    private let baseURL: String
    private let dialect: Dialect
    private let apiKey: String?
    /// Set before starting requests (read when each request is built).
    public var connectTimeoutSeconds: Double = 10
    /// Abort a request when no byte arrives for this long (nil = never: long silences are then
    /// the UI's to report, from the heartbeats and the time of the last event).
    public var idleTimeoutSeconds: Double?
    /// Certificate authorities (a PEM file) to trust for this endpoint instead of the system's.
    public var caFile: String?
    public let retryPolicy: RetryPolicy
    private let jitter: JitterSource
    /// Backoff waits and heartbeat spacing run on it (never on the transport thread).
    private let clock: ClientClock
    private let exchanges = ExchangeTable()

    /// `retryPolicy` defaults to `.none` (every failure reported as it happens); the app passes
    /// `.standard`. `jitter` is the random source of the backoff waits (tests pin it).
    /// `clock` times the backoff waits and the heartbeat throttle (tests pass a `TestClock`);
    /// `date` is the calendar date a `Retry-After` HTTP date is measured from.
    public init(
        transport: HTTPStreamTransport, baseURL: String, dialect: Dialect, apiKey: String?,
        retryPolicy: RetryPolicy = .none, idleTimeoutSeconds: Double? = nil, jitter: JitterSource = .system,
        clock: any Clock<Duration> = ContinuousClock(), date: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.clock = ClientClock(clock, date: date)
        self.transport = transport
        self.baseURL = baseURL
        self.dialect = dialect
        self.apiKey = apiKey
        self.retryPolicy = retryPolicy
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.jitter = jitter
    }

    /// The exact HTTP request for `request` (also what a "show as curl" view renders).
    public func httpRequest(for request: ChatRequest) -> HTTPRequestSpec {
        var spec = HTTPRequestSpec(
            url: ChatEndpoint.completionsURL(base: baseURL, dialect: dialect),
            method: "POST",
            headers: ChatEndpoint.headers(apiKey: apiKey, streaming: true),
            body: RequestEncoder.body(for: request, dialect: dialect),
            connectTimeoutSeconds: connectTimeoutSeconds,
            idleTimeoutSeconds: idleTimeoutSeconds)
        spec.caFile = caFile
        return spec
    }

    /// Starts the request. `onUpdate` gets the updates in order, never two at once, ending
    /// with exactly one `.closed`. It runs on the transport thread, except that a `cancel`
    /// during a retry wait delivers the final `.closed` on the thread that called `cancel`.
    /// `id` must not be in flight already (a duplicate closes at once with an error).
    public func start(_ id: UInt64, _ request: ChatRequest, onUpdate: @escaping @Sendable (CompletionUpdate) -> Void) {
        let exchange = RetryingExchange(
            id: id, spec: httpRequest(for: request), dialect: dialect, policy: retryPolicy, jitter: jitter,
            transport: transport, clock: clock, onUpdate: onUpdate,
            onClosed: { [exchanges] finished in exchanges.remove(finished) })
        guard exchanges.insert(exchange) else {
            onUpdate(.closed(failure: APIError(
                code: "TransportError", message: "request id \(id) is already in flight")))
            return
        }
        exchange.begin()
    }

    /// Stops the request at once, whether it is streaming, connecting or waiting to retry.
    /// Unknown or finished ids are ignored.
    public func cancel(_ id: UInt64) {
        if let exchange = exchanges.lookup(id) {
            exchange.cancel()
        } else {
            transport.cancel(RequestID(id))
        }
    }
}

/// The requests between `start` and their `.closed`, by id.
// safe: `lock` guards `byID`, the only field.
private final class ExchangeTable: @unchecked Sendable {
    private let lock = NSLock()
    private var byID: [UInt64: RetryingExchange] = [:]

    func insert(_ exchange: RetryingExchange) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard byID[exchange.id] == nil else { return false }
        byID[exchange.id] = exchange
        return true
    }

    func lookup(_ id: UInt64) -> RetryingExchange? {
        lock.lock()
        defer { lock.unlock() }
        return byID[id]
    }

    /// Only `exchange` itself: a later request may reuse the id once this one closed.
    func remove(_ exchange: RetryingExchange) {
        lock.lock()
        defer { lock.unlock() }
        if byID[exchange.id] === exchange { byID[exchange.id] = nil }
    }
}
