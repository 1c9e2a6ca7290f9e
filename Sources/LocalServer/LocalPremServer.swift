import FlyingFox
import FlyingSocks
import Foundation
import StreamProtocol

public enum LocalServerError: Error, Equatable {
    case alreadyStarted
    /// The listening socket could not be set up (port taken, ...).
    case couldNotListen(String)
}

/// A local Prem-compatible chat server on 127.0.0.1, for the demo, tests and benchmarks.
/// It speaks both dialects: prem at `/v1/...` and openai at `/openai/v1/...`. Replies are
/// deterministic text, and test commands at the start of the last user message trigger
/// errors, drops and stalls (see `TestCommands`).
///
/// ```swift
/// let server = LocalPremServer(configuration: LocalServerConfiguration())
/// let port = try await server.start()
/// // POST http://127.0.0.1:\(port)/v1/chat/completions ...
/// await server.stop()
/// ```
public actor LocalPremServer {
    public nonisolated let configuration: LocalServerConfiguration
    /// Only loopback: the server has no authentication worth the name and must not be reachable
    /// from other machines.
    public nonisolated static let host = "127.0.0.1"
    public nonisolated static let openAIPathPrefix = "/openai/v1"

    private let recorder = RequestRecorder(capacity: 100)
    /// Lives as long as the server (across restarts), like a real flaky upstream would.
    private let flaky = FlakyCounter()
    private var httpServer: HTTPServer?
    private var runTask: Task<Void, Never>?
    private var boundPort: UInt16?

    public init(configuration: LocalServerConfiguration) {
        self.configuration = configuration
    }

    /// Binds 127.0.0.1 on the configured port (0 = any free port) and returns the bound port
    /// once the server is accepting connections.
    public func start() async throws -> UInt16 {
        guard httpServer == nil else { throw LocalServerError.alreadyStarted }
        let address = try sockaddr_in.inet(ip4: Self.host, port: configuration.port)
        let router = Router(configuration: configuration, recorder: recorder, flaky: flaky)
        let server = HTTPServer(
            config: HTTPServer.Configuration(address: address, timeout: 30, logger: .disabled),
            handler: ClosureHTTPHandler { request in await router.handle(request) }
        )
        let failure = RunFailure()
        let task = Task {
            do { try await server.run() } catch { failure.set("\(error)") }
        }
        httpServer = server
        runTask = task
        // Wait for listening or for `run` to fail, whichever comes first; HTTPServer offers
        // no single call that reports both.
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if await server.isListening, case let .ip4(_, port)? = await server.listeningAddress {
                boundPort = port
                return port
            }
            if let message = failure.message {
                await stop()
                throw LocalServerError.couldNotListen(message)
            }
            try await Task.sleep(for: .milliseconds(2))
        }
        await stop()
        throw LocalServerError.couldNotListen("timed out waiting for the listening socket")
    }

    /// Closes the listening socket and ends every open connection, including stalled streams.
    public func stop() async {
        guard let server = httpServer else { return }
        httpServer = nil
        boundPort = nil
        await server.stop(timeout: 0)
        runTask?.cancel()
        await runTask?.value
        runTask = nil
    }

    /// The port the server listens on, or nil when it is not running.
    public var port: UInt16? { boundPort }

    /// The base URL a client of `dialect` is configured with: `http://127.0.0.1:PORT` for prem
    /// (which appends `/v1/chat/completions`), `http://127.0.0.1:PORT/openai/v1` for openai
    /// (which appends `/chat/completions`). Nil when the server is not running.
    public func baseURL(for dialect: Dialect) -> URL? {
        guard let port = boundPort else { return nil }
        switch dialect {
        case .prem: return URL(string: "http://\(Self.host):\(port)")
        case .openai: return URL(string: "http://\(Self.host):\(port)\(Self.openAIPathPrefix)")
        }
    }

    public var premBaseURL: URL? { baseURL(for: .prem) }
    public var openAIBaseURL: URL? { baseURL(for: .openai) }

    /// The last 100 requests received, oldest first.
    public func recordedRequests() async -> [RecordedRequest] {
        await recorder.all()
    }
}

/// The error text of a failed `HTTPServer.run`, written by its task and read by `start`.
// safe: `lock` guards `stored`, the only mutable field.
private final class RunFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: String?
    func set(_ message: String) { lock.withLock { stored = message } }
    var message: String? { lock.withLock { stored } }
}
