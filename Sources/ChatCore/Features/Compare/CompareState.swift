/// Compare's own state (Ctrl+G): the run (its setup, then its columns streaming side by side)
/// and the sweep line the last compare was sent with, offered again by the next.
public struct CompareState: Sendable, Equatable {
    public var run: CompareRun?
    public var lastSweep = ""

    public init() {}
}
