import Deterministic
import Foundation
import StreamProtocol

/// Builds what the fault server sends: response heads, each dialect's stream framing, and
/// scripts that cut bytes into paced writes. Streams are written with LF line ends and
/// converted with `lineEnding`, the way the decoder's own fixtures are.
enum FaultWire {
    static let model = "fault-model"
    static let traceID = "3c90c3cc-0d44-4b50-8888-8dd25736052a"

    /// A 200 head with a close-delimited body (no length, not chunked): the body ends at the FIN.
    static func streamHead(extraHeaders: [String] = []) -> String {
        (["HTTP/1.1 200 OK", "Content-Type: text/event-stream", "Cache-Control: no-cache"] + extraHeaders
            + ["Connection: close", "", ""]).joined(separator: "\r\n")
    }

    static func errorResponse(status: Int, reason: String, contentType: String, body: String, extraHeaders: [String] = []) -> String {
        (["HTTP/1.1 \(status) \(reason)", "Content-Type: \(contentType)", "Content-Length: \(body.utf8.count)"]
            + extraHeaders + ["Connection: close", "", ""]).joined(separator: "\r\n") + body
    }

    /// One content chunk as the dialect's server writes it (the prem envelope has no `index`).
    static func chunk(_ dialect: Dialect, content: String) -> String {
        let delta = JSONValue.object([("content", .string(content))]).compactText
        return chunk(dialect, deltaJSON: delta)
    }

    static func chunk(_ dialect: Dialect, deltaJSON: String) -> String {
        switch dialect {
        case .prem:
            return "event: completion\ndata: {\"id\":\"chatcmpl-f1\",\"model\":\"\(model)\",\"object\":\"chat.completion.chunk\","
                + "\"created\":1716846908,\"choices\":[{\"delta\":\(deltaJSON),\"finish_reason\":null}]}\n\n"
        case .openai:
            return "data: {\"id\":\"chatcmpl-f1\",\"object\":\"chat.completion.chunk\",\"created\":1716846908,"
                + "\"model\":\"\(model)\",\"choices\":[{\"index\":0,\"delta\":\(deltaJSON),\"finish_reason\":null}]}\n\n"
        }
    }

    static func done(_ dialect: Dialect) -> String {
        switch dialect {
        case .prem: return "event: done\ndata: [DONE]\ntrace_id: \(traceID)\ndocument_chunks: []\n\n"
        case .openai: return "data: [DONE]\n\n"
        }
    }

    /// A whole reply: a role chunk, one chunk per delta, and the end block when `withDone`.
    static func stream(_ dialect: Dialect, deltas: [String], withDone: Bool = true) -> String {
        var text = chunk(dialect, deltaJSON: #"{"role":"assistant","content":""}"#)
        for delta in deltas { text += chunk(dialect, content: delta) }
        if withDone { text += done(dialect) }
        return text
    }

    /// The events a reply from `stream` decodes to.
    static func events(_ dialect: Dialect, deltas: [String], withDone: Bool = true) -> [StreamEvent] {
        var events: [StreamEvent] = [.model(model)] + deltas.filter { !$0.isEmpty }.map(StreamEvent.content)
        if withDone { events.append(.done(completion(dialect))) }
        return events
    }

    static func completion(_ dialect: Dialect) -> StreamCompletion {
        dialect == .prem ? StreamCompletion(traceID: traceID, documentChunks: [], documentChunksJSON: "[]") : StreamCompletion()
    }

    /// Deltas with accents, CJK, emoji (a four-byte scalar and a ZWJ sequence), JSON escapes
    /// and newlines, so that random cuts land inside UTF-8 sequences and escapes.
    static let sampleDeltas = [
        "Hello", ", ", "wörld", "! ", "日本語の", "テキスト", " 🙂", " 🐈‍⬛", " \"quoted\"", "\n", "tab\there",
        " naïve café", " Ωμέγα", " end", ".",
    ]
}

extension String {
    /// The same text with every LF replaced by `ending` ("\r\n" or "\r").
    func replacingLineEnds(with ending: String) -> String {
        // Swift treats "\r\n" as one Character, so split on the LF scalar explicitly.
        unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String(String.UnicodeScalarView($0)) }
            .joined(separator: ending)
    }
}

/// Seeded, so a failing seed reproduces.
typealias FaultRandom = SplitMix64

extension RawStep {
    /// `bytes` as writes of 1...`maxPiece` bytes, each followed by a pause of 0...`maxPauseMicros`,
    /// chosen by `seed`. With the server's TCP_NODELAY most pieces reach the client as separate
    /// reads, so the decoder sees cuts inside lines, UTF-8 sequences, CRLFs and JSON.
    static func randomWrites(_ bytes: [UInt8], seed: UInt64, maxPiece: Int = 48, maxPauseMicros: UInt32 = 800) -> [RawStep] {
        var random = FaultRandom(seed: seed)
        var steps: [RawStep] = []
        var offset = 0
        while offset < bytes.count {
            let length = Int.random(in: 1...maxPiece, using: &random)
            let end = min(bytes.count, offset + length)
            steps.append(.write(Array(bytes[offset..<end])))
            steps.append(.pause(microseconds: UInt32.random(in: 0...maxPauseMicros, using: &random)))
            offset = end
        }
        return steps
    }

    /// `bytes` as an HTTP/1.1 chunked body, one chunk per `cuts` piece, each written and paced
    /// on its own; `terminate: false` leaves out the final zero-length chunk.
    static func chunkedWrites(_ bytes: [UInt8], cuts: [Int], terminate: Bool = true, pauseMicros: UInt32 = 2_000) -> [RawStep] {
        var steps: [RawStep] = []
        var start = 0
        for end in cuts.filter({ $0 > 0 && $0 < bytes.count }) + [bytes.count] where end > start {
            let piece = Array(bytes[start..<end])
            steps.append(.write(Array(String(piece.count, radix: 16).utf8) + [13, 10] + piece + [13, 10]))
            steps.append(.pause(microseconds: pauseMicros))
            start = end
        }
        if terminate { steps.append(.write("0\r\n\r\n")) }
        return steps
    }
}
