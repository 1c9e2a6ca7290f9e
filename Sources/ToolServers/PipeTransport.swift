import Foundation
import Logging
import MCP
import SystemPackage

/// The stdio transport chatterm speaks to a server's pipes with: newline-delimited JSON-RPC, as
/// the SDK's `StdioTransport`, but read by a thread blocked in poll(2), so a message is passed
/// on the moment it arrives and an idle server costs no wake-ups. The SDK's transport (0.12.1)
/// reads non-blocking and sleeps 10 ms whenever the pipe is empty: up to 10 ms added to every
/// answer (the tool turnaround in docs/performance.md) and 100 wake-ups a second per server.
///
/// It reads and writes duplicates of the descriptors it is given, so the host closing its own
/// ends (when the child is reaped) never pulls a descriptor from under a read in progress.
actor PipeTransport: Transport {
    nonisolated let logger: Logger
    private let input: Int32
    private let output: Int32
    private var wake: (read: Int32, write: Int32)?
    private let stream: AsyncThrowingStream<Data, Swift.Error>
    private let continuation: AsyncThrowingStream<Data, Swift.Error>.Continuation
    /// Writes block when the child does not read: they wait on their own queue, in order.
    private let writer = DispatchQueue(label: "chatterm.mcp.pipe-writer")
    private var closed = false

    /// `readingFrom`: the child's stdout; `writingTo`: its stdin. A write to a child that is gone
    /// fails with EPIPE only where SIGPIPE is ignored, as the host does before starting any.
    init(readingFrom: Int32, writingTo: Int32) {
        // Close-on-exec: a server started later must not inherit this one's pipe ends (it
        // would keep this server's stdin open after chatterm died).
        input = fcntl(readingFrom, F_DUPFD_CLOEXEC, 0)
        output = fcntl(writingTo, F_DUPFD_CLOEXEC, 0)
        logger = Logger(label: "chatterm.mcp.pipe", factory: { _ in SwiftLogNoOpLogHandler() })
        (stream, continuation) = AsyncThrowingStream<Data, Swift.Error>.makeStream()
    }

    func connect() async throws {
        guard input >= 0, output >= 0 else { throw MCPError.transportError(Errno(rawValue: EBADF)) }
        guard wake == nil else { return }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw MCPError.transportError(Errno(rawValue: errno)) }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        wake = (ends[0], ends[1])
        let input = input, wakeRead = ends[0], continuation = continuation
        Thread.detachNewThread { Self.readLoop(input: input, wake: wakeRead, into: continuation) }
    }

    func disconnect() async {
        guard !closed else { return }
        closed = true
        if let wake {
            // Closing the write end wakes the reader's poll (a hang-up), and unlike a write it
            // cannot raise SIGPIPE when the reader has already gone at the end of the pipe.
            close(wake.write)
        } else {
            close(input)
            continuation.finish()
        }
        let output = output
        writer.async { close(output) }
    }

    func send(_ data: Data) async throws {
        guard !closed else { throw MCPError.transportError(Errno(rawValue: ENOTCONN)) }
        let message = data + [UInt8(ascii: "\n")]
        let output = output
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, Swift.Error>) in
            writer.async {
                let failure: Int32? = message.withUnsafeBytes { bytes in
                    guard let base = bytes.baseAddress else { return nil }
                    var offset = 0
                    while offset < bytes.count {
                        let written = write(output, base + offset, bytes.count - offset)
                        if written < 0 {
                            if errno == EINTR { continue }
                            return errno
                        }
                        offset += written
                    }
                    return nil
                }
                if let failure { done.resume(throwing: MCPError.transportError(Errno(rawValue: failure))) } else { done.resume() }
            }
        }
    }

    func receive() -> AsyncThrowingStream<Data, Swift.Error> { stream }

    /// Blocks in poll(2) on the child's stdout and the wake pipe; each complete line is one
    /// message. Ends at EOF (the stream finishes), a read error (it finishes with the error) or
    /// a disconnect (the wake pipe), closing the descriptors it owns.
    private static func readLoop(input: Int32, wake: Int32, into continuation: AsyncThrowingStream<Data, Swift.Error>.Continuation) {
        defer {
            close(input)
            close(wake)
        }
        // Bytes of a message not yet complete; always starts at index 0 (`removeSubrange`).
        var pending = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var descriptors = [pollfd(fd: input, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
            if poll(&descriptors, 2, -1) < 0 {
                if errno == EINTR { continue }
                continuation.finish(throwing: MCPError.transportError(Errno(rawValue: errno)))
                return
            }
            if descriptors[1].revents != 0 {
                continuation.finish()
                return
            }
            guard descriptors[0].revents != 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                continuation.finish(throwing: MCPError.transportError(Errno(rawValue: errno)))
                return
            }
            if count == 0 {
                continuation.finish()
                return
            }
            // Only the bytes just read are searched for a line break: a message of megabytes
            // arriving in 64 KiB reads costs linear time, not the square of its size.
            var searchFrom = pending.count
            pending.append(contentsOf: buffer[0..<count])
            var lineStart = 0
            while let newline = pending[searchFrom...].firstIndex(of: UInt8(ascii: "\n")) {
                if newline > lineStart { continuation.yield(pending.subdata(in: lineStart..<newline)) }
                lineStart = newline + 1
                searchFrom = lineStart
            }
            if lineStart > 0 { pending.removeSubrange(0..<lineStart) }
        }
    }
}
