import CCurl
import Foundation

/// Streams HTTP responses with libcurl on one background thread that serves every request.
///
/// Threading: `onEvent` runs on the transport thread, never on the caller's. It must return
/// quickly and must not touch UI or app state directly: hop to your own thread (the app posts
/// each event into its inbox and wakes its main loop). `start`, `cancel` and `shutdown` may be
/// called from any thread, including from inside `onEvent`.
///
/// Per request the events are `head`, `bytes`*, then exactly one `finished`.
public final class HTTPStreamTransport: Sendable {
    private let loop: MultiLoop?

    /// Initialises libcurl once per process and ignores SIGPIPE (a peer closing a socket must not
    /// kill the app). `curl_global_init` is not thread-safe: call this at the top of `main`,
    /// before other threads exist. `init()` calls it too, which is enough for tests and tools.
    public static func globalInit() {
        _ = globalInitOnce
    }

    private static let globalInitOnce: CURLcode = {
        signal(SIGPIPE, SIG_IGN)
        return ccurl_global_init_default()
    }()

    /// Starts the transport thread. `clock` times the idle timeouts of `HTTPRequestSpec`
    /// (tests pass a `TestClock`; curl keeps its own clock for the connect timeout).
    public convenience init(clock: any Clock<Duration> = ContinuousClock()) {
        self.init(clock: clock, maximumPollMillis: MultiLoop.defaultMaximumPollMillis)
    }

    /// `maximumPollMillis` bounds one wait of the loop for socket activity; tests make it
    /// long, to show that cancels and shutdowns wake the loop rather than wait it out.
    init(clock: any Clock<Duration>, maximumPollMillis: Int32) {
        Self.globalInit()
        loop = Self.globalInitOnce == CURLE_OK ? MultiLoop(clock: ClientClock(clock), maximumPollMillis: maximumPollMillis) : nil
    }

    deinit {
        loop?.shutdown()
    }

    /// Begins a request. `id` must not be in flight already (a duplicate fails with `.other`).
    /// After `shutdown`, the request ends at once, on the calling thread, with `.cancelled`.
    public func start(
        _ id: RequestID, _ request: HTTPRequestSpec,
        onEvent: @escaping @Sendable (RequestID, TransportEvent) -> Void
    ) {
        guard let loop else {
            onEvent(id, .finished(CurlFailureMapping.setup("libcurl could not be initialised")))
            return
        }
        if !loop.enqueueStart(id, request, onEvent) {
            onEvent(id, .finished(CurlFailureMapping.cancelled()))
        }
    }

    /// Stops a request at once (the loop is woken, not polled); it ends with `.finished(.cancelled)`
    /// unless it had already finished. Unknown ids are ignored.
    public func cancel(_ id: RequestID) {
        loop?.enqueueCancel(id)
    }

    /// Cancels every request and waits for the transport thread to end. Idempotent.
    public func shutdown() {
        loop?.shutdown()
    }
}
