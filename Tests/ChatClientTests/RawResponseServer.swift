import Foundation
import TestClockSupport

/// One thing the server does on a connection. After the last step it closes normally (FIN).
enum RawStep: Sendable {
    /// One `write` (looped until every byte is out). Consecutive writes may still coalesce on
    /// the wire; put a `pause` between them to make the client read them separately.
    case write([UInt8])
    case pause(microseconds: UInt32)
    /// Ends the connection with RST instead of FIN (SO_LINGER with a zero timeout).
    case reset
    /// Keeps the connection open and silent until the client closes it or the server stops.
    case stall
    /// Waits, silent, until the test opens the gate (so bytes arrive when the test says).
    case waitFor(RawGate)

    static func write(_ text: String) -> RawStep { .write(Array(text.utf8)) }
}

/// Holds a script at a `.waitFor` step until the test calls `open()`.
final class RawGate: Sendable {
    fileprivate let semaphore = DispatchSemaphore(value: 0)
    func open() { semaphore.signal() }
}

/// What the server read of one request.
struct RawRequest: Sendable {
    /// The request line and header lines, without their CRLFs.
    var headLines: [String]
    var body: [UInt8]

    var requestLine: String { headLines.first ?? "" }

    func header(_ name: String) -> String? {
        let prefix = name.lowercased() + ":"
        guard let line = headLines.dropFirst().first(where: { $0.lowercased().hasPrefix(prefix) }) else { return nil }
        return line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
    }
}

/// A raw socket server on 127.0.0.1 (ephemeral port) that answers with exact bytes, for
/// responses FlyingFox cannot produce: interim 1xx heads, folded header lines, and the faults of
/// real networks (writes split anywhere and paced, a reset, a stall, a close mid-stream).
///
/// Each accepted connection reads the request head and its `Content-Length` body (so that a
/// close is a clean FIN, not a reset for unread data), then plays its script: the n-th
/// connection plays `scripts[n]`, later ones repeat the last script. Every connection runs on
/// its own thread, so a stalled one does not block the next.
// safe: `lock` guards the four fields marked so; the waiter has its own lock; the rest is `let`.
final class RawResponseServer: @unchecked Sendable {
    let port: UInt16
    private let waiter = ConditionWaiter()
    private let listener: Int32
    private let scripts: [[RawStep]]
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var stopping = false                    // guarded by lock
    private var received: [RawRequest] = []         // guarded by lock
    private var clientCloseTimes: [Int: UInt64] = [:]  // guarded by lock; connection index → ns
    private var accepted = 0                        // guarded by lock

    /// Answers every connection with `response` and closes.
    convenience init(response: String) throws {
        try self.init(script: [.write(response)])
    }

    convenience init(script: [RawStep]) throws {
        try self.init(scripts: [script])
    }

    init(scripts: [[RawStep]]) throws {
        precondition(!scripts.isEmpty, "a server needs at least one script")
        let (listener, port) = try boundLoopbackSocket()
        guard listen(listener, 16) == 0 else {
            close(listener)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        self.listener = listener
        self.scripts = scripts
        self.port = port
        group.enter()
        Thread.detachNewThread { [self] in
            defer { group.leave() }
            acceptLoop()
        }
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Requests read so far, in the order their connections were accepted.
    var requests: [RawRequest] {
        lock.lock(); defer { lock.unlock() }
        return received
    }

    var connectionCount: Int {
        lock.lock(); defer { lock.unlock() }
        return accepted
    }

    /// When a stalled connection saw the client close it (monotonic nanoseconds), if it has.
    func clientClosedAt(connection index: Int) -> UInt64? {
        lock.lock(); defer { lock.unlock() }
        return clientCloseTimes[index]
    }

    /// Waits until the client closed the stalled connection `index`; false after `timeout` seconds.
    func waitForClientClose(connection index: Int, timeout: Double = 10) async -> Bool {
        await waiter.wait(timeout: timeout) { [self] in clientClosedAt(connection: index) != nil }
    }

    /// Closes the listener, releases stalled connections and waits for every serving thread.
    func stop() {
        lock.lock()
        let first = !stopping
        stopping = true
        lock.unlock()
        if first {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
        }
        group.wait()
    }

    private var isStopping: Bool {
        lock.lock(); defer { lock.unlock() }
        return stopping
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else {
                if errno == EINTR && !isStopping { continue }
                return
            }
            lock.lock()
            let index = accepted
            accepted += 1
            lock.unlock()
            var noDelay: Int32 = 1  // paced small writes must leave at once, not wait for Nagle
            setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
            group.enter()
            Thread.detachNewThread { [self] in
                defer { group.leave() }
                serve(connection, index: index)
            }
        }
    }

    private func serve(_ connection: Int32, index: Int) {
        guard let request = readRequest(connection) else {
            close(connection)
            return
        }
        lock.lock()
        received.append(request)
        lock.unlock()
        for step in scripts[min(index, scripts.count - 1)] {
            switch step {
            case let .write(bytes):
                guard writeAll(connection, bytes) else {
                    close(connection)
                    return
                }
            case let .pause(microseconds):
                usleep(microseconds)
            case .reset:
                var option = linger(l_onoff: 1, l_linger: 0)
                setsockopt(connection, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
                close(connection)
                return
            case .stall:
                waitForClientClose(connection, index: index)
            case let .waitFor(gate):
                // In slices, so `stop()` also ends the wait.
                while gate.semaphore.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
                    if isStopping {
                        close(connection)
                        return
                    }
                }
            }
        }
        close(connection)
    }

    /// Reads the head up to the blank line, then as many body bytes as `Content-Length` says.
    private func readRequest(_ connection: Int32) -> RawRequest? {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let terminator = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while headEnd == nil {
            let count = read(connection, &buffer, buffer.count)
            guard count > 0 else { return nil }
            bytes += buffer[0..<count]
            headEnd = bytes.firstRange(of: terminator)?.upperBound
        }
        guard let headEnd else { return nil }
        let headText = String(decoding: bytes[..<(headEnd - terminator.count)], as: UTF8.self)
        var request = RawRequest(headLines: headText.components(separatedBy: "\r\n"), body: Array(bytes[headEnd...]))
        let expected = request.header("Content-Length").flatMap { Int($0) } ?? 0
        while request.body.count < expected {
            let count = read(connection, &buffer, buffer.count)
            guard count > 0 else { return nil }
            request.body += buffer[0..<count]
        }
        return request
    }

    private func writeAll(_ connection: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }  // the client went away (EPIPE, reset)
            offset += written
        }
        return true
    }

    /// Polls in short slices so `stop()` can end the wait; records when the client closed.
    private func waitForClientClose(_ connection: Int32, index: Int) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !isStopping {
            var descriptor = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 10)
            guard ready > 0 else { continue }
            let count = read(connection, &buffer, buffer.count)
            if count <= 0 {
                var now = timespec()
                clock_gettime(CLOCK_MONOTONIC, &now)
                lock.lock()
                clientCloseTimes[index] = UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
                lock.unlock()
                waiter.changed()
                return
            }
        }
    }
}
