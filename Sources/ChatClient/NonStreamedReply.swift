import StreamProtocol

/// A whole chat completion in one JSON body, from a server that ignored `stream: true`:
/// OpenAI's `chat.completion` object (`choices[0].message.content`, or a legacy
/// `choices[0].text`), prem's adding `trace_id` and `document_chunks`.
///
/// It is replayed as the one-chunk stream it stands for, through the same `StreamEventDecoder`
/// a stream goes through, so model, content, finish reason, usage and the `done` fields mean
/// exactly what they mean in a stream and are read by one piece of code.
enum NonStreamedReply {
    /// The events of the completion in `body`; nil when the body is not one.
    static func events(_ body: [UInt8], dialect: Dialect) -> [StreamEvent]? {
        guard let json = JSONValue.parse(utf8: body), case .object = json,
              let choice = json["choices"]?[0], case .object = choice else { return nil }
        let content: JSONValue
        if let message = choice["message"], case .object = message {
            content = message["content"] ?? .null
        } else if let text = choice["text"], case .string = text {
            content = text
        } else {
            return nil
        }

        var chunk: [(key: String, value: JSONValue)] = []
        if let model = json["model"] { chunk.append((key: "model", value: model)) }
        chunk.append((key: "choices", value: .array([.object([
            (key: "delta", value: .object([(key: "content", value: content)])),
            (key: "finish_reason", value: choice["finish_reason"] ?? .null),
        ])])))
        if let usage = json["usage"] { chunk.append((key: "usage", value: usage)) }

        // Compact JSON is one line (control characters in strings are escaped), so it is a
        // valid `data:` line whatever the reply holds.
        let data = JSONValue.object(chunk).compactText
        let stream: String
        switch dialect {
        case .prem:
            stream = "event: completion\ndata: \(data)\n\nevent: done\ndata: [DONE]\n" + doneExtras(json) + "\n"
        case .openai:
            stream = "data: \(data)\n\ndata: [DONE]\n\n"
        }
        var decoder = StreamEventDecoder(dialect: dialect)
        return decoder.feed(Array(stream.utf8)) + decoder.finish()
    }

    /// The prem `done` block's extra lines, from the completion's fields of the same names.
    private static func doneExtras(_ json: JSONValue) -> String {
        var lines = ""
        // A trace id with a line break in it would end the line early: such an id is dropped.
        if let trace = json["trace_id"]?.stringValue, !trace.contains(where: \.isNewline) {
            lines += "trace_id: \(trace)\n"
        }
        if let chunks = json["document_chunks"], !chunks.isNull {
            lines += "document_chunks: \(chunks.compactText)\n"
        }
        return lines
    }
}
