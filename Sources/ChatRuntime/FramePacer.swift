/// When the run loop wakes, draws and ticks, decided from the injected clock's `now`: the
/// loop asks, sleeps in poll(2) for what it is told, and reports what it did. Pure: tests
/// drive it with swift-clocks' `TestClock`.
///
/// - A frame is drawn only when something changed, at most 60 a second; while a reply
///   streams and nothing else changed, 20 a second (appended text reads the same, and each
///   frame costs rendering, diffing and terminal output: a third of the process's CPU went
///   away from 30 to 20, docs/performance.md). A key, a paste or a resize is drawn at once
///   after a frame of the stream or the clock, and at the normal pace after input.
/// - A tick every 250 ms keeps live figures moving while streaming (and lets an owed draft
///   write go out after a pause in typing); every 30 s otherwise, so session ages stay fresh.
public struct FramePacer: Sendable {
    public static let frameInterval: Duration = .milliseconds(16)
    public static let streamingFrameInterval: Duration = .milliseconds(50)
    public static let tickInterval: Duration = .milliseconds(250)
    public static let idleTickInterval: Duration = .seconds(30)
    /// The longest sleep when nothing is owed.
    public static let idleWait: Duration = .seconds(1)

    /// Input arrived since the last frame: draw it at the normal pace.
    public private(set) var inputPending = false
    /// The last frame was drawn for input: the next input waits for the normal pace.
    private var lastFrameForInput = false
    /// Nil before the first: the first frame and the first tick are due at once.
    private var lastFrame: Duration?
    private var lastTick: Duration?

    public init() {}

    /// How long the loop may sleep, and whether the inbox is left unread meanwhile.
    public struct Wait: Sendable, Equatable {
        public var timeout: Duration
        /// While a reply streams, its events wait for the next frame: they could not be shown
        /// sooner, and waking for each (a server writes a couple of hundred a second) costs
        /// more than drawing them. Keys and resizes still wake the loop at once.
        public var holdsInbox: Bool

        public init(timeout: Duration, holdsInbox: Bool) {
            self.timeout = timeout
            self.holdsInbox = holdsInbox
        }

        /// For poll(2): whole milliseconds, rounded up so the loop never wakes a moment early
        /// and spins.
        public var pollMilliseconds: Int32 {
            let (seconds, attoseconds) = timeout.components
            let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
            return Int32(clamping: max(0, millis))
        }
    }

    /// `streaming`: a reply is arriving; `fastTicks`: ticks every 250 ms are owed (a stream,
    /// or a draft write waiting); `dirty`: something changed since the last frame.
    public func wait(now: Duration, streaming: Bool, fastTicks: Bool, dirty: Bool) -> Wait {
        var timeout = fastTicks ? Self.tickInterval : Self.idleWait
        let untilFrame = max(.zero, interval(streaming: streaming) - sinceLastFrame(now))
        if dirty { timeout = untilFrame }
        let holdsInbox = streaming && untilFrame > .zero
        if holdsInbox { timeout = min(timeout, untilFrame) }
        return Wait(timeout: timeout, holdsInbox: holdsInbox)
    }

    /// A key, a paste, a click or a resize was read.
    public mutating func inputArrived() {
        inputPending = true
    }

    /// Whether a tick is due now; when it is, it counts as given.
    public mutating func takeTick(now: Duration, fastTicks: Bool) -> Bool {
        if let lastTick, now - lastTick < (fastTicks ? Self.tickInterval : Self.idleTickInterval) { return false }
        lastTick = now
        return true
    }

    /// Whether a frame is due now for a screen that changed.
    public func frameDue(now: Duration, streaming: Bool, dirty: Bool) -> Bool {
        dirty && sinceLastFrame(now) >= interval(streaming: streaming)
    }

    /// The loop drew a frame at `now`.
    public mutating func frameDrawn(at now: Duration) {
        lastFrame = now
        lastFrameForInput = inputPending
        inputPending = false
    }

    /// The wait after the last frame for the next one. Input is drawn at once when the last
    /// frame was the stream's or the clock's (a key 10 ms after a stream frame waited up to
    /// 16 ms for the frame clock: most of a key's latency while a reply streams,
    /// docs/performance.md "Key to screen"); input after input keeps the normal 60 a second,
    /// so a held key or a wheel cannot draw more often than that.
    public static func frameInterval(streaming: Bool, inputPending: Bool, lastFrameForInput: Bool) -> Duration {
        if inputPending { return lastFrameForInput ? frameInterval : .zero }
        return streaming ? streamingFrameInterval : frameInterval
    }

    private func interval(streaming: Bool) -> Duration {
        Self.frameInterval(streaming: streaming, inputPending: inputPending, lastFrameForInput: lastFrameForInput)
    }

    /// Time since the last frame; before the first, longer than any interval.
    private func sinceLastFrame(_ now: Duration) -> Duration {
        lastFrame.map { now - $0 } ?? .seconds(3600)
    }
}
