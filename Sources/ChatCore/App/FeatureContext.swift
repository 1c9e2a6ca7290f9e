import StreamProtocol

/// What the root lends a feature's reducer to read, never to change: the keymap (to name keys
/// in notices), the screen (sizes, focus), the launch (profile), and a few derived facts.
/// A feature that needs something else of another feature's state gets it as an argument of
/// its action, or asks the root through a delegate; it never holds `AppState`.
public struct FeatureContext: Sendable {
    public let keymap: Keymap
    public let screen: ScreenState
    public let launch: LaunchState
    /// A reply streams, or a send waits for its history, or a compare column streams.
    public let isStreaming: Bool
    /// The newest time an action brought (`StatusState.nowMillis`).
    public let nowMillis: Int64
    /// What the status line says now (some answers keep an earlier notice).
    public let notice: String?
    /// The model the next request names.
    public let effectiveModel: String?

    public init(
        keymap: Keymap, screen: ScreenState, launch: LaunchState, isStreaming: Bool, nowMillis: Int64,
        notice: String?, effectiveModel: String?
    ) {
        self.keymap = keymap
        self.screen = screen
        self.launch = launch
        self.isStreaming = isStreaming
        self.nowMillis = nowMillis
        self.notice = notice
        self.effectiveModel = effectiveModel
    }
}

extension AppState {
    /// The read-only view of the app a feature's reducer is given.
    public var context: FeatureContext {
        FeatureContext(
            keymap: keymap, screen: screen, launch: launch, isStreaming: isStreaming, nowMillis: status.nowMillis,
            notice: status.notice, effectiveModel: effectiveModel)
    }
}
