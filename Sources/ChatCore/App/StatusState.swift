/// The status line's own words and the run's end: a one-line notice, the newest time an
/// action brought (for live figures), and whether the user asked to quit.
public struct StatusState: Sendable, Equatable {
    /// A one-line message for the status line (a store failure, a refused send, ...).
    public var notice: String?
    /// The newest time an action brought; used only for live figures on the status line.
    public var nowMillis: Int64 = 0
    public var quitRequested = false

    public init() {}
}
