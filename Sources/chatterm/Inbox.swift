import ChatCore
import Foundation

/// The one queue every background source (the transport thread, the store queue) posts actions
/// into. Posting writes a byte to a pipe so the main loop, sleeping in poll(), wakes at once.
// safe: `pending` is only touched holding `lock`; the two descriptors are set once in init and
// read(2)/write(2) on a pipe are safe from any thread.
final class Inbox: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [Action] = []
    /// Read end: the main loop polls it. Write end: `post` pokes it.
    let wakeFD: Int32
    private let pokeFD: Int32

    init() throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw LaunchError("could not create the wake-up pipe: \(String(cString: strerror(errno)))") }
        // No child started later (an MCP server, the editor) inherits the run loop's wake-up pipe.
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        wakeFD = fds[0]
        pokeFD = fds[1]
        for fd in fds {
            // Non-blocking both ways: a full pipe already means "wake up", and draining stops when empty.
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
    }

    deinit {
        close(wakeFD)
        close(pokeFD)
    }

    func post(_ action: Action) {
        lock.lock()
        pending.append(action)
        let wasEmpty = pending.count == 1
        lock.unlock()
        // One poke per batch is enough: the loop drains everything that is pending.
        if wasEmpty {
            var byte: UInt8 = 1
            _ = write(pokeFD, &byte, 1)
        }
    }

    /// Everything posted so far, in order; also empties the pipe.
    func drain() -> [Action] {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(wakeFD, &buffer, buffer.count) > 0 {}
        lock.lock()
        defer { lock.unlock() }
        let actions = pending
        pending.removeAll(keepingCapacity: true)
        return actions
    }
}
