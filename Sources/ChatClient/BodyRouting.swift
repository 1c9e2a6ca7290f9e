import StreamProtocol

/// Decides whether a 2xx body is an event stream (fed to the decoder as it arrives) or
/// something else (collected, bounded, and read once it is complete).
///
/// `Content-Type: text/event-stream` is trusted at once. Any other type, and a missing header,
/// is decided by the body's first bytes: an SSE line (`data:`, `event:`, `id:`, `retry:` or a
/// `:` comment, after optional blank lines and a BOM) streams, anything else (`{`, `<`, text) is
/// collected. So a stream from a server or proxy that mislabels it (`text/plain`, none at all)
/// still streams, and a JSON answer to a streaming request is never fed to the SSE decoder,
/// which would find no events in it and end the reply silently empty.
struct BodyRouting {
    enum Route: Equatable {
        case undecided, stream, collect
    }

    /// Enough for a whole non-streamed reply; past it the body is cut (and then not valid JSON).
    static let collectLimit = 4 * 1024 * 1024
    /// Blank lines a body may start with before it must have shown what it is.
    private static let sniffLimit = 4096
    private static let streamPrefixes = ["data:", "event:", "id:", "retry:", ":"].map { Array($0.utf8) }

    private(set) var route: Route
    /// Bytes seen while undecided, then the collected body.
    private(set) var held: [UInt8] = []
    /// The collected body was cut at `collectLimit`.
    private(set) var truncated = false

    init(contentType: String?) {
        let isEventStream = contentType.map { APIErrorDecoder.mediaType($0) == "text/event-stream" } ?? false
        route = isEventStream ? .stream : .undecided
    }

    /// Takes the next body bytes; returns what the stream decoder gets now (empty while the
    /// route is undecided or when collecting). The bytes held while sniffing go out first.
    mutating func take(_ bytes: [UInt8]) -> [UInt8] {
        switch route {
        case .stream:
            return bytes
        case .collect:
            collect(bytes)
            return []
        case .undecided:
            held += bytes
            guard let decided = Self.sniff(held) else { return [] }
            route = decided
            let pending = held
            held = []
            if decided == .stream { return pending }
            collect(pending)
            return []
        }
    }

    /// The body ended: an undecided body is collected (what it held is all there is).
    mutating func finish() {
        if route == .undecided { route = .collect }
    }

    /// True when the body held nothing but whitespace (or nothing).
    var heldOnlyBlankText: Bool {
        held.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    private mutating func collect(_ bytes: [UInt8]) {
        let room = Self.collectLimit - held.count
        if bytes.count > room { truncated = true }
        if room > 0 { held.append(contentsOf: bytes.prefix(room)) }
    }

    /// Nil while the first meaningful bytes could still begin either kind of body.
    static func sniff(_ bytes: [UInt8]) -> Route? {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        if bytes.count < bom.count && bom.starts(with: bytes) { return nil }
        var start = bytes.starts(with: bom) ? bom.count : 0
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        let rest = bytes[start...]
        if rest.isEmpty { return bytes.count > sniffLimit ? .collect : nil }
        var couldStillMatch = false
        for prefix in streamPrefixes {
            if rest.starts(with: prefix) { return .stream }
            if prefix.starts(with: rest) { couldStillMatch = true }
        }
        return couldStillMatch ? nil : .collect
    }
}
