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

/// One HTTP attempt of a completion request as its bytes arrive: the status check, the
/// incremental decoder, the error body, and whether anything reached the caller yet.
/// Only the transport thread touches it (one attempt's events all arrive there).
final class CompletionAttempt {
    private let dialect: Dialect
    private let emit: (CompletionUpdate) -> Void
    private let heartbeat: HeartbeatThrottle
    private var decoder: StreamEventDecoder
    private var status = 0
    private var headers: [(name: String, value: String)] = []
    /// An error response's body, collected whole to decode the error message.
    private var errorBody: [UInt8] = []
    private static let errorBodyLimit = 64 * 1024
    /// True once any event went upward: from then on the attempt must never be repeated.
    private(set) var deliveredEvents = false

    init(dialect: Dialect, heartbeat: HeartbeatThrottle, emit: @escaping (CompletionUpdate) -> Void) {
        self.dialect = dialect
        self.heartbeat = heartbeat
        self.emit = emit
        self.decoder = StreamEventDecoder(dialect: dialect)
    }

    private var isSuccess: Bool { (200..<300).contains(status) }

    /// Handles a head or body bytes; `.finished` goes to `finish` instead.
    func receive(_ event: TransportEvent) {
        switch event {
        case let .head(status, headers):
            self.status = status
            self.headers = headers
        case let .bytes(bytes):
            receiveBody(bytes)
        case .finished:
            break
        }
    }

    private func receiveBody(_ bytes: [UInt8]) {
        guard isSuccess else {
            if errorBody.count < Self.errorBodyLimit {
                errorBody.append(contentsOf: bytes.prefix(Self.errorBodyLimit - errorBody.count))
            }
            return
        }
        let events = bytes.withUnsafeBytes { decoder.feed($0) }
        if events.isEmpty {
            // Keep-alive comments or part of a long line: alive, but nothing to show yet.
            if heartbeat.shouldBeat(nowNanos: MonotonicClock.nanoseconds()) { emit(.heartbeat) }
        } else {
            deliveredEvents = true
            emit(.events(events))
        }
    }

    /// The transfer ended: flushes the decoder and says how it went.
    func finish(_ failure: TransportFailure?, now: Date = Date()) -> AttemptOutcome {
        if status != 0 && !isSuccess {
            let error = APIErrorDecoder.decode(status: status, body: errorBody, dialect: dialect)
            return AttemptOutcome(
                failure: error,
                retryable: RetryRules.isRetryable(status: status, code: error.code),
                retryAfterMillis: RetryAfter.delayMillis(headers: headers, now: now))
        }
        // Whatever the decoder still holds (a last block without its blank line) counts.
        let tail = decoder.finish()
        if !tail.isEmpty {
            deliveredEvents = true
            emit(.events(tail))
        }
        guard let failure else { return AttemptOutcome(failure: nil, retryable: false) }
        return AttemptOutcome(
            failure: failure.apiError,
            retryable: !deliveredEvents && RetryRules.isRetryable(failure, responseStarted: status != 0))
    }
}

/// At most one heartbeat per interval for one request, across its attempts. Transport thread only.
final class HeartbeatThrottle {
    static let intervalNanos: UInt64 = 250_000_000
    private var lastNanos: UInt64?

    func shouldBeat(nowNanos: UInt64) -> Bool {
        if let lastNanos, nowNanos &- lastNanos < Self.intervalNanos { return false }
        lastNanos = nowNanos
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
        case .connectionDropped: return "ConnectionDropped"
        case .other: return "TransportError"
        }
    }

    var apiError: APIError { APIError(code: codeName, message: message) }
}
