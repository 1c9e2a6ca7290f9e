import Foundation
import Logging
import MCP

/// Streamable HTTP for MCP on libcurl, on the SDK's `Transport` protocol. The SDK's own
/// `HTTPClientTransport` is not used on Linux: there it reads a POST's answer whole with
/// `data(for:)`, so an answer sent as `text/event-stream` reaches the client as raw SSE text and
/// fails to decode, and it cannot use the config's `ca_file` (docs/dependencies.md has the
/// evidence). Each message is one POST on its own thread; answers (JSON or events) are yielded
/// as they arrive; the server's `Mcp-Session-Id` is sent back on every later request.
actor HTTPToolTransport: Transport {
    nonisolated let logger = Logger(label: "chatterm.mcp.http", factory: { _ in SwiftLogNoOpLogHandler() })
    private let endpoint: URL
    private let bearerToken: String?
    private let caFile: String?
    /// Set from a response's headers before its body is handed on: the client's next message
    /// (`notifications/initialized` right after `initialize`'s answer) already carries it.
    private let session = SessionBox()
    private let flag = CancelFlag()
    private let stream: AsyncThrowingStream<Data, Swift.Error>
    private let continuation: AsyncThrowingStream<Data, Swift.Error>.Continuation

    init(endpoint: URL, bearerToken: String?, caFile: String?) {
        self.endpoint = endpoint
        self.bearerToken = bearerToken
        self.caFile = caFile
        let pair = AsyncThrowingStream<Data, Swift.Error>.makeStream()
        stream = pair.stream
        continuation = pair.continuation
    }

    func connect() async throws {}

    func disconnect() async {
        flag.cancel()
        continuation.finish()
    }

    func send(_ data: Data) async throws {
        let request = HTTPExchange.Request(
            url: endpoint.absoluteString, body: data, sessionID: session.value, bearerToken: bearerToken, caFile: caFile)
        let continuation = continuation
        let flag = flag
        let session = session
        let response: HTTPExchange.Response = try await withCheckedThrowingContinuation { waiter in
            // libcurl's perform blocks: a thread of its own, not one of the cooperative pool's.
            Thread.detachNewThread {
                let exchange = HTTPExchange(
                    deliver: { continuation.yield($0) }, isCancelled: { flag.isCancelled }, sessionStarted: { session.value = $0 })
                do { waiter.resume(returning: try exchange.perform(request)) } catch { waiter.resume(throwing: error) }
            }
        }
        guard (200..<300).contains(response.status) else {
            let detail = response.otherBody.isEmpty ? "" : ": \(response.otherBody)"
            throw MCPError.internalError("the server answered HTTP \(response.status)\(detail)")
        }
    }

    func receive() -> AsyncThrowingStream<Data, Swift.Error> { stream }
}

/// Set once at disconnect; read by every transfer's progress callback on its own thread.
/// safe: the flag is only touched under its lock.
final class CancelFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func cancel() { lock.lock(); value = true; lock.unlock() }
    var isCancelled: Bool { lock.lock(); defer { lock.unlock() }; return value }
}

/// The server's `Mcp-Session-Id`, written by a transfer's thread, read by the next send.
/// safe: the value is only touched under its lock.
final class SessionBox: @unchecked Sendable {
    private let lock = NSLock()
    private var id: String?
    var value: String? {
        get { lock.lock(); defer { lock.unlock() }; return id }
        set { lock.lock(); id = newValue; lock.unlock() }
    }
}
