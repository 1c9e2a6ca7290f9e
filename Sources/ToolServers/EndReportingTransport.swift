import Foundation
import Logging
import MCP

/// Wraps a transport and says when its stream of messages ends by itself (EOF, a read error).
/// Two gaps of the SDK's `Client` (0.12.1) make this needed: when the stream ends it leaves a
/// request in flight waiting forever, so the host must learn of it and fail what waits; and
/// its reading loop only stops on an error, spinning on a stream that finished normally, so
/// the end is passed on as an error.
actor EndReportingTransport: Transport {
    private let inner: any Transport
    private let onEnd: @Sendable (String) -> Void
    nonisolated let logger: Logger
    private var relay: Task<Void, Never>?
    private let stream: AsyncThrowingStream<Data, Swift.Error>
    private let continuation: AsyncThrowingStream<Data, Swift.Error>.Continuation

    struct Ended: Error, CustomStringConvertible {
        var description: String
    }

    init(_ inner: any Transport, onEnd: @escaping @Sendable (String) -> Void) {
        self.inner = inner
        self.onEnd = onEnd
        self.logger = Logger(label: "chatterm.mcp.transport", factory: { _ in SwiftLogNoOpLogHandler() })
        let pair = AsyncThrowingStream<Data, Swift.Error>.makeStream()
        stream = pair.stream
        continuation = pair.continuation
    }

    func connect() async throws {
        try await inner.connect()
        let messages = await inner.receive()
        let continuation = continuation
        let onEnd = onEnd
        relay = Task {
            var reason = "the server closed its output"
            do {
                for try await message in messages { continuation.yield(message) }
            } catch {
                reason = "the connection failed: \(error)"
            }
            // A disconnect of ours cancelled the relay: nothing to report.
            if !Task.isCancelled { onEnd(reason) }
            continuation.finish(throwing: Ended(description: reason))
        }
    }

    func disconnect() async {
        relay?.cancel()
        await inner.disconnect()
        continuation.finish(throwing: Ended(description: "disconnected"))
    }

    func send(_ data: Data) async throws {
        try await inner.send(data)
    }

    func receive() -> AsyncThrowingStream<Data, Swift.Error> { stream }
}
