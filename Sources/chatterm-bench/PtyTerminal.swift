import Foundation
import ProcessSpawn

/// A program on a pseudo-terminal this process owns: its output bytes are read here as the
/// terminal would get them, with no multiplexer in between, so the time from a key's bytes to
/// the bytes that draw it is measured to the microsecond. Started with posix_spawn on the
/// slave side (stdin, stdout, stderr); stopped by the pid we started.
final class PtyTerminal {
    let pid: pid_t
    private let master: Int32
    /// Every byte read so far.
    private(set) var output: [UInt8] = []

    init(_ argv: [String], environment: [String: String], width: Int, height: Int) throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0, let name = ttyname(slave) else {
            throw Spawn.Failure(description: "openpty failed: \(String(cString: strerror(errno)))")
        }
        let path = String(cString: name)
        defer { close(slave) }
        self.master = master
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        pid = try Spawn.start(argv, streams: Spawn.Streams(input: path, output: path, error: path), environment: environment)
    }

    deinit { close(master) }

    /// Reads whatever arrives within `milliseconds` (at least one poll); the bytes read.
    @discardableResult
    func read(waitingUpTo milliseconds: Int32) -> Int {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return 0 }
        var total = 0
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = Glibc.read(master, &buffer, buffer.count)
            if count <= 0 { return total }
            output.append(contentsOf: buffer[0..<count])
            total += count
        }
    }

    func write(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(master, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return
            }
            offset += count
        }
    }

    /// Reads until `needle` appears in what was read after `mark` (an index into `output`).
    func waitFor(_ needle: String, after mark: Int, timeout: Double, what: String) throws {
        let bytes = Array(needle.utf8)
        let deadline = Clock.nanoseconds() + UInt64(timeout * 1e9)
        var searched = mark
        while Clock.nanoseconds() < deadline {
            read(waitingUpTo: 5)
            if Self.find(bytes, in: output, from: searched) != nil { return }
            searched = max(mark, output.count - bytes.count + 1)
        }
        throw Spawn.Failure(description: "timed out after \(timeout) s waiting for \(what)")
    }

    /// Reads until nothing arrives for `quietMilliseconds`.
    func drain(quietMilliseconds: Int32) {
        while read(waitingUpTo: quietMilliseconds) > 0 {}
    }

    func stop() {
        kill(pid, SIGTERM)
        let deadline = Clock.nanoseconds() + 2_000_000_000
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            read(waitingUpTo: 10)
            if Clock.nanoseconds() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                return
            }
        }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var index = max(0, start)
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0] && haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
