import StreamProtocol

/// Benchmark 1: how fast the receive path turns wire bytes into events, with no network.
/// The stream is fed in 16 KiB pieces, the most libcurl hands a write callback at once.
enum DecoderBench {
    static let feedSize = 16 * 1024

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(quick: Bool) throws -> Table {
        let size = quick ? 5_000_000 : 50_000_000
        let repetitions = quick ? 3 : 5
        var table = Table(
            "Decoder throughput (\(fixed(Double(size) / 1e6, 0)) MB stream, \(feedSize / 1024) KiB feeds, median of \(repetitions))",
            headers: ["dialect / stage", "MB/s", "chunks/s", "ns/chunk", "chunks"])
        for dialect in [Dialect.prem, .openai] {
            let stream = SyntheticStream(dialect: dialect, approximateBytes: size)
            let megabytes = Double(stream.bytes.count) / 1e6

            var sseTimes: [Double] = []
            var fullTimes: [Double] = []
            var referenceTimes: [Double] = []
            for _ in 0..<repetitions {
                var blocks = 0
                sseTimes.append(Clock.measure { blocks = sseOnly(stream.bytes) })
                guard blocks == stream.chunkCount + 1 else {
                    throw Failure(description: "\(dialect) SSE decoding gave \(blocks) blocks, expected \(stream.chunkCount + 1)")
                }
                for (path, decode) in [("client", fullDecode), ("reference", referenceDecode)] {
                    var contents = 0
                    let seconds = Clock.measure { contents = decode(stream.bytes, dialect) }
                    guard contents == stream.contentChunkCount else {
                        throw Failure(description: "\(dialect) \(path) decoding gave \(contents) content events, expected \(stream.contentChunkCount)")
                    }
                    if path == "client" { fullTimes.append(seconds) } else { referenceTimes.append(seconds) }
                }
            }
            let chunks = Double(stream.chunkCount)
            let stages = [
                ("SSEDecoder", median(sseTimes)), ("SSE + chunk JSON", median(fullTimes)),
                ("reference: messages + JSONValue", median(referenceTimes)),
            ]
            for (stage, seconds) in stages {
                table.add([
                    "\(dialect.rawValue): \(stage)", fixed(megabytes / seconds, 0), grouped(Int(chunks / seconds)),
                    fixed(seconds * 1e9 / chunks, 0), grouped(stream.chunkCount),
                ])
            }
        }
        table.notes.append("SSE + chunk JSON = StreamEventDecoder, the client's path (blocks scanned as bytes, no JSON tree), counted in events checked against the stream.")
        table.notes.append("reference = SSEDecoder's SSEMessages through StreamChunkDecoder.decode(_:) (a full JSONValue parse per chunk), the path before the scanner; the same events.")
        return table
    }

    /// Blocks dispatched; the count is checked so the work cannot be optimized away or go wrong unseen.
    @inline(never)
    static func sseOnly(_ bytes: [UInt8]) -> Int {
        var decoder = SSEDecoder()
        var blocks = 0
        feedInPieces(bytes) { blocks += decoder.feed($0).count }
        blocks += decoder.finish().count
        return blocks
    }

    /// Content events decoded through SSEMessages and a full JSON parse of each chunk.
    @inline(never)
    static func referenceDecode(_ bytes: [UInt8], dialect: Dialect) -> Int {
        var decoder = SSEDecoder()
        var chunks = StreamChunkDecoder(dialect: dialect)
        var tally = EventTally()
        func count(_ messages: [SSEMessage]) {
            for message in messages { tally.add(chunks.decode(message)) }
        }
        feedInPieces(bytes) { count(decoder.feed($0)) }
        count(decoder.finish())
        return tally.checkedContents
    }

    /// Content events decoded; the stream must also end with exactly one `.done`.
    @inline(never)
    static func fullDecode(_ bytes: [UInt8], dialect: Dialect) -> Int {
        var decoder = StreamEventDecoder(dialect: dialect)
        var tally = EventTally()
        feedInPieces(bytes) { tally.add(decoder.feed($0)) }
        tally.add(decoder.finish())
        return tally.checkedContents
    }

    /// Hands `bytes` to `feed` in `feedSize` pieces, without copying, the way libcurl's write
    /// callback delivers a stream.
    @inline(__always)
    private static func feedInPieces(_ bytes: [UInt8], _ feed: (UnsafeRawBufferPointer) -> Void) {
        bytes.withUnsafeBytes { all in
            var offset = 0
            while offset < all.count {
                let end = min(all.count, offset + feedSize)
                feed(UnsafeRawBufferPointer(rebasing: all[offset..<end]))
                offset = end
            }
        }
    }

    /// The content and done events of one decoded stream.
    private struct EventTally {
        var contents = 0
        var dones = 0

        mutating func add(_ events: [StreamEvent]) {
            for event in events {
                switch event {
                case .content: contents += 1
                case .done: dones += 1
                default: break
                }
            }
        }

        /// The content count, or -1 unless the stream ended with exactly one `.done`.
        var checkedContents: Int { dones == 1 ? contents : -1 }
    }
}
