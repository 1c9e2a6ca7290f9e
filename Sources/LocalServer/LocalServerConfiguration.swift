import Foundation

/// How a `LocalPremServer` behaves. Every field has a default that suits tests: no delay,
/// no API key, an ephemeral port.
public struct LocalServerConfiguration: Sendable {
    /// TCP port on 127.0.0.1; 0 asks the kernel for a free one (see `LocalPremServer.start()`).
    public var port: UInt16
    /// Pause before each content delta, so a human can watch a reply stream in.
    public var tokenDelay: Duration
    /// About how many tokens an ordinary reply has (it ends at a paragraph boundary past this).
    public var defaultTokenCount: Int
    /// When set, every chat and models request must carry `Authorization: Bearer <key>`.
    public var requiredAPIKey: String?
    /// Model names the server accepts; the first is used when a prem request names none.
    public var knownModels: [String]
    /// How long `/stall` keeps a connection silent before giving up on it, so that a client
    /// that vanished does not pin a task forever (server stop ends it at once).
    public var stallLimit: Duration
    /// Called once per handled request with a one-line summary (method, path, status).
    /// Never receives header values, so keys cannot leak into logs.
    public var accessLog: (@Sendable (String) -> Void)?
    /// Called when a request arrives and when a streamed reply's finish chunk is written, with
    /// CLOCK_MONOTONIC times (`chatterm-server --timing-log FILE`: the tool benchmark's input).
    public var timingLog: (@Sendable (TimingEvent) -> Void)?
    /// What the reply's pauses (`tokenDelay`, `/delay`, the `/stall` limit) wait on:
    /// `ContinuousClock` when serving, a `TestClock` in tests that step through them.
    public var clock: any Clock<Duration>

    public static let defaultModels = ["gpt-4o-mini", "llama-3.1-8b-instruct", "local-echo"]

    public init(
        port: UInt16 = 0,
        tokenDelay: Duration = .zero,
        defaultTokenCount: Int = 120,
        requiredAPIKey: String? = nil,
        knownModels: [String] = LocalServerConfiguration.defaultModels,
        stallLimit: Duration = .seconds(600),
        accessLog: (@Sendable (String) -> Void)? = nil,
        timingLog: (@Sendable (TimingEvent) -> Void)? = nil,
        clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.clock = clock
        self.port = port
        self.tokenDelay = tokenDelay
        self.defaultTokenCount = defaultTokenCount
        self.requiredAPIKey = requiredAPIKey
        self.knownModels = knownModels
        self.stallLimit = stallLimit
        self.accessLog = accessLog
        self.timingLog = timingLog
    }

    /// The model a prem request gets when it names none.
    var defaultModel: String { knownModels.first ?? "local-echo" }
}
