/// The stream's own state: the reply in flight, a send waiting for the history it carries,
/// how the last one ended, and the numbering that tells an old request's answer apart.
public struct StreamingState: Sendable, Equatable {
    public var active: ActiveStream?
    /// A send waiting for the whole history of a long session (see `PendingSend`).
    public var pendingSend: PendingSend?
    public var lastOutcome: LastOutcome?
    var nextRequestNumber: UInt64 = 1

    public init() {}

    /// The next request's id: ids only grow, so an answer to an older request is told apart.
    mutating func takeRequestID() -> RequestID {
        defer { nextRequestNumber += 1 }
        return RequestID(nextRequestNumber)
    }
}
