import Foundation
import StreamProtocol

/// What an exchange needs of a transport: `HTTPStreamTransport`, or a scripted stand-in that
/// lets tests put a cancel exactly between two steps of a retry.
protocol ExchangeTransport: AnyObject, Sendable {
    func start(_ id: RequestID, _ request: HTTPRequestSpec, onEvent: @escaping @Sendable (RequestID, TransportEvent) -> Void)
    func cancel(_ id: RequestID)
}

extension HTTPStreamTransport: ExchangeTransport {}

/// One `CompletionStreamer.start` from the first attempt to its single `.closed`: runs an
/// attempt, and when it fails in a retryable way before any reply event went upward, reports
/// `.retrying`, waits (off the transport thread) and runs the next one.
///
/// Threads: attempts' events arrive on the transport thread; the wait is a task sleeping on
/// the injected clock and ends on whatever thread runs it; `cancel` comes from any thread. `lock` guards `state` and `cancelled`, and is never held
/// while calling out (the transport or `onUpdate`). Updates are never emitted concurrently:
/// while an attempt runs only the transport thread emits; during a wait only `cancel` can
/// emit (the closing `.closed`), and `.retrying` was emitted before the wait became visible.
// safe: `lock` guards `state` and `cancelled`; `retriesDone` and `previousDelayMillis` are
// touched only by the one thread running the attempt in hand (see above); the rest is `let`.
final class RetryingExchange: @unchecked Sendable {
    private enum State {
        case running
        /// `retry` identifies the wait, so a late timer for an earlier wait does nothing.
        case waiting(retry: Int, timer: Task<Void, Never>)
        case closed
    }

    let id: UInt64
    private let spec: HTTPRequestSpec
    private let dialect: Dialect
    private let policy: RetryPolicy
    private let jitter: JitterSource
    private let transport: any ExchangeTransport
    private let clock: ClientClock
    private let onUpdate: @Sendable (CompletionUpdate) -> Void
    private let onClosed: @Sendable (RetryingExchange) -> Void
    private let heartbeat = HeartbeatThrottle()

    private let lock = NSLock()
    private var state = State.running       // guarded by lock
    private var cancelled = false           // guarded by lock
    // Touched only by whoever runs the attempt in hand (see the class comment).
    private var retriesDone = 0
    private var previousDelayMillis: Int64?

    init(
        id: UInt64, spec: HTTPRequestSpec, dialect: Dialect, policy: RetryPolicy, jitter: JitterSource,
        transport: any ExchangeTransport, clock: ClientClock,
        onUpdate: @escaping @Sendable (CompletionUpdate) -> Void,
        onClosed: @escaping @Sendable (RetryingExchange) -> Void
    ) {
        self.id = id
        self.spec = spec
        self.dialect = dialect
        self.policy = policy
        self.jitter = jitter
        self.transport = transport
        self.clock = clock
        self.onUpdate = onUpdate
        self.onClosed = onClosed
    }

    func begin() {
        launchAttempt()
    }

    /// Ends the request at once: a running attempt is cancelled in the transport (its
    /// `.finished(.cancelled)` closes), a wait is abandoned and closed here and now.
    func cancel() {
        lock.lock()
        cancelled = true
        let current = state
        if case .waiting = current { state = .closed }
        lock.unlock()

        switch current {
        case .running:
            transport.cancel(RequestID(id))
        case let .waiting(_, timer):
            timer.cancel()
            emitClosed(CurlFailureMapping.cancelled().apiError)
        case .closed:
            break
        }
    }

    // MARK: - Attempts

    private func launchAttempt() {
        let attempt = CompletionAttempt(dialect: dialect, heartbeat: heartbeat, clock: clock) { [onUpdate] update in
            onUpdate(update)
        }
        transport.start(RequestID(id), spec) { [self] _, event in
            if case let .finished(failure) = event {
                attemptEnded(attempt.finish(failure))
            } else if attempt.receive(event) == .replyEnded {
                // The reply is complete, but a server may keep the connection open after its
                // last event (or trickle keep-alives): end the transfer instead of waiting for
                // its close. The `.finished` that follows is clean to the attempt, so this is
                // quiet. Asked through the command queue: it is handled before any start the
                // caller makes after seeing `.closed`, so it cannot hit a reuse of the id.
                transport.cancel(RequestID(id))
            }
        }
        // A cancel that came while this attempt was being handed over may have reached the
        // transport before the start did (and been ignored as unknown); asking again after the
        // start is queued makes it stick. A second cancel of a finished id is ignored.
        lock.lock()
        let cancelledMeanwhile = cancelled
        lock.unlock()
        if cancelledMeanwhile { transport.cancel(RequestID(id)) }
    }

    private func attemptEnded(_ outcome: AttemptOutcome) {
        guard let failure = outcome.failure else { return close(nil) }
        let cancelledAlready = isCancelled
        guard outcome.retryable, retriesDone < policy.maxRetries, !cancelledAlready else {
            // A cancel that raced with a retryable failure is still a cancel to the user.
            return close(cancelledAlready && outcome.retryable ? CurlFailureMapping.cancelled().apiError : failure)
        }

        let retry = retriesDone + 1
        let backoff = policy.delayMillis(attempt: retry, previousDelayMillis: previousDelayMillis, unitRandom: jitter.next())
        let delay = outcome.retryAfterMillis ?? backoff
        retriesDone = retry
        previousDelayMillis = delay
        // Emitted while still `running`, so nothing else can emit in between.
        onUpdate(.retrying(RetryNotice(
            attempt: retry, maxAttempts: policy.maxRetries, delayMillis: delay,
            fromRetryAfter: outcome.retryAfterMillis != nil, reason: failure)))

        lock.lock()
        if cancelled {
            state = .closed
            lock.unlock()
            return emitClosed(CurlFailureMapping.cancelled().apiError)
        }
        // Made under the lock, so `cancel` sees the wait and its task together. Weak: a
        // cancelled wait must not keep a closed exchange alive.
        let timer = clock.after(.milliseconds(delay)) { [weak self] in self?.waitEnded(retry: retry) }
        state = .waiting(retry: retry, timer: timer)
        lock.unlock()
    }

    private func waitEnded(retry: Int) {
        lock.lock()
        guard case let .waiting(waitingFor, _) = state, waitingFor == retry, !cancelled else {
            lock.unlock()
            return
        }
        state = .running
        lock.unlock()
        launchAttempt()
    }

    private var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    private func close(_ failure: APIError?) {
        lock.lock()
        if case .closed = state {
            lock.unlock()
            return
        }
        state = .closed
        lock.unlock()
        emitClosed(failure)
    }

    /// Call only after this thread moved `state` to `.closed` (so it happens once). The id is
    /// released first, so a caller may start the same id again as soon as it sees `.closed`.
    private func emitClosed(_ failure: APIError?) {
        onClosed(self)
        onUpdate(.closed(failure: failure))
    }
}
