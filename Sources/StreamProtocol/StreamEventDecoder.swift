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

    public mutating func feed(_ bytes: UnsafeRawBufferPointer) -> [StreamEvent] {
        decode(sse.feed(bytes))
    }

    public mutating func feed<S: Sequence>(_ bytes: S) -> [StreamEvent] where S.Element == UInt8 {
        decode(sse.feed(bytes))
    }

    /// End of the connection: events of a last block that had no closing blank line.
    public mutating func finish() -> [StreamEvent] {
        decode(sse.finish())
    }

    private mutating func decode(_ messages: [SSEMessage]) -> [StreamEvent] {
        var events: [StreamEvent] = []
        for message in messages {
            events += chunks.decode(message)
        }
        return events
    }
}
