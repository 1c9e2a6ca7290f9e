import StreamProtocol

/// A reply stream as the wire carries it, built in memory: the same envelope, field order and
/// framing as chatterm-server's (`LocalServer.StreamEncoder`, which is internal, hence rebuilt
/// here): a role chunk, content chunks of one word each, a finish chunk and the end block.
struct SyntheticStream {
    let dialect: Dialect
    let bytes: [UInt8]
    /// Content chunks in the stream (each decodes to exactly one `.content` event).
    let contentChunkCount: Int
    /// Every chunk, role and finish included (each is one SSE block).
    var chunkCount: Int { contentChunkCount + 2 }

    /// Words of varied length, some needing JSON escapes or multi-byte UTF-8, as model output does.
    private static let words = [
        " the", " stream", " decoder", " reads", " bytes", ",", " and", " returns", " events", ".",
        " Über", " naïve", " café", " \"quoted\"", "\n\n", " tab\tbed", " 東京", " 🙂", " x", " performance",
    ]

    init(dialect: Dialect, approximateBytes: Int) {
        self.dialect = dialect
        var out: [UInt8] = []
        out.reserveCapacity(approximateBytes + 4096)
        out += Self.chunk(dialect: dialect, delta: .object([("role", .string("assistant")), ("content", .string(""))]))
        var count = 0
        while out.count < approximateBytes {
            let word = Self.words[count % Self.words.count]
            out += Self.chunk(dialect: dialect, delta: .object([("content", .string(word))]))
            count += 1
        }
        out += Self.chunk(dialect: dialect, delta: .object([]), finishReason: "stop")
        switch dialect {
        case .prem:
            out += Array("event: done\ndata: [DONE]\ntrace_id: 3f2b8c1e-6a8d-4c1f-9a57-0d6e2b7c9e11\ndocument_chunks: []\n\n".utf8)
        case .openai:
            out += Array("data: [DONE]\n\n".utf8)
        }
        bytes = out
        contentChunkCount = count
    }

    private static func chunk(dialect: Dialect, delta: JSONValue, finishReason: String? = nil) -> [UInt8] {
        var choice: [(key: String, value: JSONValue)] = []
        if dialect == .openai { choice.append(("index", .number(0))) }
        choice.append(("delta", delta))
        choice.append(("finish_reason", finishReason.map(JSONValue.string) ?? .null))
        let id: JSONValue = .string("chatcmpl-local-1")
        let object: JSONValue = .string("chat.completion.chunk")
        let created: JSONValue = .number(1_760_000_000)
        let model: JSONValue = .string("local-echo")
        let choices: JSONValue = .array([.object(choice)])
        let envelope: JSONValue
        switch dialect {
        case .prem:
            envelope = .object([("id", id), ("model", model), ("object", object), ("created", created), ("choices", choices)])
            return Array("event: completion\ndata: \(envelope.compactText)\n\n".utf8)
        case .openai:
            envelope = .object([("id", id), ("object", object), ("created", created), ("model", model), ("choices", choices)])
            return Array("data: \(envelope.compactText)\n\n".utf8)
        }
    }
}
