import FlyingSocks

/// One step of a response body as the server plays it out.
enum BodyStep: Sendable {
    /// Bytes to send now (one SSE event, usually).
    case send([UInt8])
    /// Wait before the next step.
    case pause(Duration)
    /// Stop without finishing the body: the connection is closed mid-response.
    case drop
    /// Send nothing more for up to `limit`, then drop. Ends early when the server stops
    /// (task cancellation).
    case stall(limit: Duration)
    /// Run this when the body gets here: the steps before it have been handed to the
    /// connection (the time a finish chunk was written, for the request log).
    case note(@Sendable () async -> Void)
}

/// The error that ends a body on purpose (`/drop`, `/stall`); FlyingFox then closes the
/// connection without the final chunk, which is what a client sees when a server dies.
struct DeliberateDisconnect: Error {}

/// A response body played out step by step. Each `send` step becomes exactly one buffer, so
/// FlyingFox writes it to the socket as its own chunk the moment it is produced: events are
/// flushed as they happen, not when the reply is complete.
struct ScriptedBody: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let steps: [BodyStep]
    /// The pauses and the stall limit wait on it.
    let clock: any Clock<Duration>

    func makeAsyncIterator() -> Iterator { Iterator(steps: steps, clock: clock) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        private let steps: [BodyStep]
        private let clock: any Clock<Duration>
        private var stepIndex = 0
        /// The unsent rest of the current `send` step, when a caller asked for fewer bytes.
        private var pending: ArraySlice<UInt8> = []

        init(steps: [BodyStep], clock: any Clock<Duration>) {
            self.steps = steps
            self.clock = clock
        }

        mutating func next() async throws -> UInt8? {
            guard let buffer = try await nextBuffer(suggested: 1) else { return nil }
            return buffer.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> ArraySlice<UInt8>? {
            let limit = Swift.max(count, 1)
            while pending.isEmpty {
                guard stepIndex < steps.count else { return nil }
                let step = steps[stepIndex]
                stepIndex += 1
                switch step {
                case let .send(bytes):
                    pending = bytes[...]
                case let .pause(duration):
                    if duration > .zero { try await clock.sleep(for: duration) }
                case .drop:
                    throw DeliberateDisconnect()
                case let .stall(limit):
                    try await clock.sleep(for: limit)
                    throw DeliberateDisconnect()
                case let .note(action):
                    await action()
                }
            }
            let buffer = pending.prefix(limit)
            pending = pending.dropFirst(buffer.count)
            return buffer
        }
    }
}
