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
            for _ in 0..<repetitions {
                var blocks = 0
                sseTimes.append(Clock.measure { blocks = sseOnly(stream.bytes) })
                guard blocks == stream.chunkCount + 1 else {
                    throw Failure(description: "\(dialect) SSE decoding gave \(blocks) blocks, expected \(stream.chunkCount + 1)")
                }
                var contents = 0
                fullTimes.append(Clock.measure { contents = fullDecode(stream.bytes, dialect: dialect) })
                guard contents == stream.contentChunkCount else {
                    throw Failure(description: "\(dialect) decoding gave \(contents) content events, expected \(stream.contentChunkCount)")
                }
            }
            let chunks = Double(stream.chunkCount)
            for (stage, seconds) in [("SSEDecoder", median(sseTimes)), ("SSE + chunk JSON", median(fullTimes))] {
                table.add([
                    "\(dialect.rawValue): \(stage)", fixed(megabytes / seconds, 0), grouped(Int(chunks / seconds)),
                    fixed(seconds * 1e9 / chunks, 0), grouped(stream.chunkCount),
                ])
            }
        }
        table.notes.append("SSE + chunk JSON = StreamEventDecoder (SSEDecoder then StreamChunkDecoder), counted in events checked against the stream.")
        return table
    }

    /// Blocks dispatched; the count is checked so the work cannot be optimized away or go wrong unseen.
    @inline(never)
    static func sseOnly(_ bytes: [UInt8]) -> Int {
        var decoder = SSEDecoder()
        var blocks = 0
        bytes.withUnsafeBytes { all in
            var offset = 0
            while offset < all.count {
                let end = min(all.count, offset + feedSize)
                blocks += decoder.feed(UnsafeRawBufferPointer(rebasing: all[offset..<end])).count
                offset = end
            }
        }
        blocks += decoder.finish().count
        return blocks
    }

    /// Content events decoded; the stream must also end with exactly one `.done`.
    @inline(never)
    static func fullDecode(_ bytes: [UInt8], dialect: Dialect) -> Int {
        var decoder = StreamEventDecoder(dialect: dialect)
        var contents = 0
        var dones = 0
        func count(_ events: [StreamEvent]) {
            for event in events {
                switch event {
                case .content: contents += 1
                case .done: dones += 1
                default: break
                }
            }
        }
        bytes.withUnsafeBytes { all in
            var offset = 0
            while offset < all.count {
                let end = min(all.count, offset + feedSize)
                count(decoder.feed(UnsafeRawBufferPointer(rebasing: all[offset..<end])))
                offset = end
            }
        }
        count(decoder.finish())
        return dones == 1 ? contents : -1
    }
}
