import FlyingFox
import FlyingSocks
import Foundation

/// What the in-process server saw of one request.
struct RecordedRequest: Sendable {
    var method: String
    /// The request target exactly as sent: a path, or an absolute URI when sent to a proxy.
    var target: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

final class RequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [RecordedRequest] = []

    func append(_ request: RecordedRequest) {
        lock.lock(); defer { lock.unlock() }
        recorded.append(request)
    }

    var requests: [RecordedRequest] {
        lock.lock(); defer { lock.unlock() }
        return recorded
    }
}

/// A FlyingFox server on 127.0.0.1 with an ephemeral port, recording every request.
final class TestHTTPServer: @unchecked Sendable {
    let port: UInt16
    let log: RequestLog
    private let server: HTTPServer
    private let task: Task<Void, Error>

    private init(server: HTTPServer, task: Task<Void, Error>, port: UInt16, log: RequestLog) {
        self.server = server
        self.task = task
        self.port = port
        self.log = log
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    static func start(
        respond: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> TestHTTPServer {
        let log = RequestLog()
        let handler = ClosureHTTPHandler { request in
            let body = try await request.bodyData
            log.append(RecordedRequest(
                method: request.method.rawValue,
                target: request.target.rawValue,
                headers: request.headers.map { (name: $0.key.rawValue, value: $0.value) },
                body: Array(body)))
            return try await respond(request)
        }
        let server = HTTPServer(
            address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 30, logger: .disabled, handler: handler)
        let task = Task { try await server.run() }
        try await server.waitUntilListening(timeout: 5)
        guard case let .ip4(_, port)? = await server.listeningAddress else {
            task.cancel()
            throw TestServerError.noListeningPort
        }
        return TestHTTPServer(server: server, task: task, port: port, log: log)
    }

    func stop() async {
        await server.stop(timeout: 0)
        task.cancel()
    }
}

enum TestServerError: Error { case noListeningPort }

/// A response body delivered in pieces with pauses between them, sent chunked, so the client
/// sees the pieces arrive separately (as a model's tokens do).
struct PacedChunks: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let chunks: [[UInt8]]
    /// Pause before every chunk after the first.
    let pause: Duration
    /// Pause after the last chunk before the body ends (a stalled stream).
    var pauseAtEnd: Duration = .zero

    func makeAsyncIterator() -> Iterator { Iterator(source: self) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        let source: PacedChunks
        var index = 0

        mutating func next() async throws -> UInt8? {
            // FlyingFox reads bodies through nextBuffer; single bytes are not used here.
            guard let buffer = try await nextBuffer(suggested: 1) else { return nil }
            return buffer.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            guard index < source.chunks.count else {
                if source.pauseAtEnd > .zero { try await Task.sleep(for: source.pauseAtEnd) }
                return nil
            }
            if index > 0 { try await Task.sleep(for: source.pause) }
            defer { index += 1 }
            return source.chunks[index]
        }
    }
}

extension HTTPResponse {
    static func paced(_ chunks: [String], pause: Duration, pauseAtEnd: Duration = .zero) -> HTTPResponse {
        HTTPResponse(
            statusCode: .ok,
            headers: [HTTPHeader("Content-Type"): "text/event-stream"],
            body: HTTPBodySequence(from: PacedChunks(
                chunks: chunks.map { Array($0.utf8) }, pause: pause, pauseAtEnd: pauseAtEnd)))
    }
}
