import Foundation

/// The moments the benchmark's tool turnaround is measured between, written by both local
/// servers as lines of one format: the chat server (a request arrived, a reply's finish chunk
/// was written) and the test MCP server (a tool call's start and end). All times are
/// CLOCK_MONOTONIC nanoseconds, one clock for every process on the machine, so lines from the
/// two servers (and the benchmark's own readings) can be subtracted.
///
/// ```
/// request 3 1234567890
/// finish 3 tool_calls 1234999999
/// tool echo 1235000100 1235000900
/// ```
public enum TimingEvent: Equatable, Sendable {
    case requestArrived(sequence: Int, nanoseconds: UInt64)
    case finishWritten(sequence: Int, reason: String, nanoseconds: UInt64)
    case toolCall(name: String, start: UInt64, end: UInt64)

    public var line: String {
        switch self {
        case let .requestArrived(sequence, nanoseconds): return "request \(sequence) \(nanoseconds)"
        case let .finishWritten(sequence, reason, nanoseconds): return "finish \(sequence) \(reason) \(nanoseconds)"
        case let .toolCall(name, start, end): return "tool \(name) \(start) \(end)"
        }
    }

    /// Nil for a line that is not an event (a torn last line of a killed process, say).
    public init?(line: Substring) {
        let words = line.split(separator: " ")
        switch (words.first, words.count) {
        case ("request"?, 3):
            guard let sequence = Int(words[1]), let time = UInt64(words[2]) else { return nil }
            self = .requestArrived(sequence: sequence, nanoseconds: time)
        case ("finish"?, 4):
            guard let sequence = Int(words[1]), let time = UInt64(words[3]) else { return nil }
            self = .finishWritten(sequence: sequence, reason: String(words[2]), nanoseconds: time)
        case ("tool"?, 4):
            guard let start = UInt64(words[2]), let end = UInt64(words[3]), end >= start else { return nil }
            self = .toolCall(name: String(words[1]), start: start, end: end)
        default:
            return nil
        }
    }

    /// Every event of a log's text, skipping lines that are not events.
    public static func parse(_ text: String) -> [TimingEvent] {
        text.split(separator: "\n").compactMap(TimingEvent.init(line:))
    }
}

/// CLOCK_MONOTONIC in nanoseconds: the timing log's clock.
public enum MonotonicTime {
    public static func nanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}

/// Appends events to a file, one `write(2)` per line with O_APPEND, so lines from two
/// processes sharing the file never interleave mid-line.
// safe: `descriptor` is set once in `init` and only passed to write(2)/close(2), which are
// safe to call from any thread.
public final class TimingLogFile: @unchecked Sendable {
    private let descriptor: Int32

    public init(path: String) throws {
        descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw TimingLogError(message: "cannot open the timing log \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit { close(descriptor) }

    public func append(_ event: TimingEvent) {
        let bytes = Array((event.line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }
}

public struct TimingLogError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
