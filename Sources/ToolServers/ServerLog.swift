import Foundation

/// A stdio server's stderr log (`<data dir>/mcp-NAME.log`): where its output goes instead of
/// the screen, and where the reason for a crash is read back from.
struct ServerLog {
    let path: String

    init(directory: String, server: String) {
        path = (directory as NSString).appendingPathComponent("mcp-\(server).log")
    }

    /// The log's size now: a child's own lines start here (the log is kept across runs).
    var size: UInt64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.uint64Value ?? 0
    }

    /// The last non-empty line written since `offset` (at most 64 KiB back, 500 characters
    /// kept), or nil when the child wrote nothing.
    func lastLine(since offset: UInt64) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let end = (try? handle.seekToEnd()) ?? 0
        guard end > offset else { return nil }
        let start = max(offset, end > 65536 ? end - 65536 : 0)
        guard (try? handle.seek(toOffset: start)) != nil, let data = try? handle.readToEnd() else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        let line = text.split(whereSeparator: \.isNewline).last { !$0.allSatisfy(\.isWhitespace) }
        return line.map { String($0.trimmingCharacters(in: .whitespaces).prefix(500)) }
    }
}
