/// The whole receive path of one reply in one value: bytes in, `StreamEvent`s out
/// (`SSEDecoder` followed by `StreamChunkDecoder`). Transports feed it whatever the network
/// delivered and call `finish()` when the connection closes.
public struct StreamEventDecoder {
    private var sse = SSEDecoder()
    private var chunks: StreamChunkDecoder

    public init(dialect: Dialect) {
        chunks = StreamChunkDecoder(dialect: dialect)
    }

    public var dialect: Dialect { chunks.dialect }

    /// Chunks that could not be read (see `StreamChunkDecoder.malformedChunkCount`).
    public var malformedChunkCount: Int { chunks.malformedChunkCount }

    /// Blocks go from the SSE decoder to the chunk decoder as bytes, one at a time: no
    /// intermediate `SSEMessage` array, and no text for a chunk beyond the strings it yields.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) -> [StreamEvent] {
        var sink = EventSink(chunks: chunks)
        sse.feed(bytes, into: &sink)
        chunks = sink.chunks
        return sink.events
    }

    public mutating func feed<S: Sequence>(_ bytes: S) -> [StreamEvent] where S.Element == UInt8 {
        if let events = bytes.withContiguousStorageIfAvailable({ feed(UnsafeRawBufferPointer($0)) }) {
            return events
        }
        return Array(bytes).withUnsafeBytes { feed($0) }
    }

    /// End of the connection: events of a last block that had no closing blank line.
    public mutating func finish() -> [StreamEvent] {
        var sink = EventSink(chunks: chunks)
        sse.finish(into: &sink)
        chunks = sink.chunks
        return sink.events
    }
}

private struct EventSink: SSEBlockSink {
    var chunks: StreamChunkDecoder
    var events: [StreamEvent] = []

    mutating func receive(_ block: SSEBlock) {
        chunks.decode(block, into: &events)
    }
}
