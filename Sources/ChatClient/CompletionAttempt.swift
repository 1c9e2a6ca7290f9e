import Foundation
import StreamProtocol

/// How one attempt ended, for deciding whether to try again.
struct AttemptOutcome: Equatable {
    /// Nil for a clean end of a 2xx stream.
    var failure: APIError?
    /// The failure may go away on its own and nothing of the reply was delivered.
    var retryable: Bool
    /// What the server's `Retry-After` asked for, when it did.
    var retryAfterMillis: Int64?
}

/// One HTTP attempt of a completion request as its bytes arrive: the status check, the body's
/// kind (`BodyRouting`), the incremental decoder, the error body, and whether anything reached
/// the caller yet. Only the transport thread touches it (one attempt's events all arrive there).
// safe: made on the thread that starts the attempt, then used only on the transport thread,
// which delivers all of one attempt's events (the transport's closure is how it gets there).
final class CompletionAttempt: @unchecked Sendable {
    private let dialect: Dialect
    private let emit: (CompletionUpdate) -> Void
    private let heartbeat: HeartbeatThrottle
    private let clock: ClientClock
    private var decoder: StreamEventDecoder
    private var status = 0
    private var headers: [(name: String, value: String)] = []
    private var contentType: String?
    private var routing = BodyRouting(contentType: nil)
    /// An error response's body, collected whole to decode the error message.
    private var errorBody: [UInt8] = []
    private static let errorBodyLimit = 64 * 1024
    /// True once any event went upward: from then on the attempt must never be repeated.
    private(set) var deliveredEvents = false
    /// True once `.done` or `.error` went upward. The reply is over, whatever the connection
    /// does next: later bytes are ignored, and the caller should end the transfer rather than
    /// wait for a server that keeps the connection open.
    private(set) var deliveredFinalEvent = false

    init(dialect: Dialect, heartbeat: HeartbeatThrottle, clock: ClientClock, emit: @escaping (CompletionUpdate) -> Void) {
        self.dialect = dialect
        self.heartbeat = heartbeat
        self.clock = clock
        self.emit = emit
        self.decoder = StreamEventDecoder(dialect: dialect)
    }

    private var isSuccess: Bool { (200..<300).contains(status) }

    enum Progress: Equatable {
        case continuing
        /// This event delivered the reply's final event: the caller should end the transfer.
        case replyEnded
    }

    /// Handles a head or body bytes; `.finished` goes to `finish` instead.
    @discardableResult
    func receive(_ event: TransportEvent) -> Progress {
        let endedBefore = deliveredFinalEvent
        switch event {
        case let .head(status, headers):
            self.status = status
            self.headers = headers
            contentType = headers.last { $0.name.lowercased() == "content-type" }?.value
            routing = BodyRouting(contentType: contentType)
        case let .bytes(bytes):
            receiveBody(bytes)
        case .finished:
            break
        }
        return deliveredFinalEvent && !endedBefore ? .replyEnded : .continuing
    }

    private func receiveBody(_ bytes: [UInt8]) {
        guard isSuccess else {
            if errorBody.count < Self.errorBodyLimit {
                errorBody.append(contentsOf: bytes.prefix(Self.errorBodyLimit - errorBody.count))
            }
            return
        }
        guard !deliveredFinalEvent else { return }  // after the end of the reply: not part of it
        let streamed = routing.take(bytes)
        let events = streamed.isEmpty ? [] : streamed.withUnsafeBytes { decoder.feed($0) }
        if events.isEmpty {
            // Keep-alive comments, part of a long line, or a body being collected: alive, but
            // nothing to show yet.
            if heartbeat.shouldBeat(now: clock.elapsed()) { emit(.heartbeat) }
        } else {
            deliver(events)
        }
    }

    /// Sends events upward, up to and including the first final one.
    private func deliver(_ events: [StreamEvent]) {
        var batch = events
        if let end = events.firstIndex(where: Self.isFinal) {
            batch = Array(events[...end])
            deliveredFinalEvent = true
        }
        deliveredEvents = true
        emit(.events(batch))
    }

    private static func isFinal(_ event: StreamEvent) -> Bool {
        switch event {
        case .done, .error: return true
        case .content, .reasoning, .toolCall, .model, .finishReason, .usage, .skipped: return false
        }
    }

    /// The transfer ended: flushes the decoder (or reads the collected body) and says how it went.
    func finish(_ failure: TransportFailure?) -> AttemptOutcome {
        if status != 0 && !isSuccess {
            let error = APIErrorDecoder.decode(status: status, body: errorBody, dialect: dialect)
            return AttemptOutcome(
                failure: error,
                retryable: RetryRules.isRetryable(status: status, code: error.code),
                retryAfterMillis: RetryAfter.delayMillis(headers: headers, now: clock.date()))
        }
        // The caller ends a transfer that outlives its reply; how it ended no longer matters.
        if deliveredFinalEvent { return AttemptOutcome(failure: nil, retryable: false) }
        routing.finish()
        if routing.route == .collect, status != 0 {
            if let outcome = finishCollected(failure) { return outcome }
        } else {
            // Whatever the decoder still holds (a last block without its blank line) counts.
            let tail = decoder.finish()
            if !tail.isEmpty { deliver(tail) }
        }
        guard let failure else { return AttemptOutcome(failure: nil, retryable: false) }
        return AttemptOutcome(
            failure: failure.apiError,
            retryable: !deliveredEvents && RetryRules.isRetryable(failure, responseStarted: status != 0))
    }

    /// A 2xx body that was not a stream: a whole completion is delivered as its events,
    /// anything else is the error it says (or "not an event stream"). Nil when the transfer
    /// failed before a readable body arrived (the transport failure says more) or when a body
    /// without a declared type held only blank text (an empty reply, as an empty stream is).
    private func finishCollected(_ failure: TransportFailure?) -> AttemptOutcome? {
        if !routing.truncated, let events = NonStreamedReply.events(routing.held, dialect: dialect) {
            deliver(events)
            return AttemptOutcome(failure: nil, retryable: false)
        }
        if failure != nil { return nil }
        if routing.heldOnlyBlankText && contentType == nil { return nil }
        return AttemptOutcome(
            failure: APIErrorDecoder.decodeUnexpectedBody(routing.held, contentType: contentType), retryable: false)
    }
}

/// At most one heartbeat per interval for one request, across its attempts. Transport thread only.
/// `now` is the time of the injected clock.
final class HeartbeatThrottle {
    static let interval = Duration.milliseconds(250)
    private var last: Duration?

    func shouldBeat(now: Duration) -> Bool {
        if let last, now - last < Self.interval { return false }
        last = now
        return true
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
        case .proxyRefused: return "ProxyRefused"
        case .connectionDropped: return "ConnectionDropped"
        case .other: return "TransportError"
        }
    }

    var apiError: APIError { APIError(code: codeName, message: message) }
}
