import StreamProtocol

/// Writes the pieces of a chat reply in one dialect's wire format.
struct StreamEncoder: Sendable {
    var dialect: Dialect
    var id: String
    var model: String
    var created: Int

    /// `event: completion` + `data:` (prem) or a bare `data:` line (openai), then a blank line.
    func chunk(delta: JSONValue, finishReason: String? = nil) -> String {
        var choice: [(key: String, value: JSONValue)] = []
        if dialect == .openai { choice.append(("index", .number(0))) }
        choice.append(("delta", delta))
        choice.append(("finish_reason", finishReason.map(JSONValue.string) ?? .null))
        return event(data: envelope(object: "chat.completion.chunk", choices: [.object(choice)]))
    }

    func roleChunk() -> String {
        chunk(delta: .object([("role", .string("assistant")), ("content", .string(""))]))
    }

    func contentChunk(_ text: String) -> String {
        chunk(delta: .object([("content", .string(text))]))
    }

    func reasoningChunk(_ text: String) -> String {
        chunk(delta: .object([("reasoning_content", .string(text))]))
    }

    /// The first piece of a tool call names it; the later ones carry argument fragments.
    /// `index` tells a reply's calls apart (the client assembles each from its pieces).
    func toolCallChunk(index: Int = 0, id: String?, name: String?, arguments: String) -> String {
        var function: [(key: String, value: JSONValue)] = []
        if let name { function.append(("name", .string(name))) }
        function.append(("arguments", .string(arguments)))
        var call: [(key: String, value: JSONValue)] = [("index", .number(Double(index)))]
        if let id { call += [("id", .string(id)), ("type", .string("function"))] }
        call.append(("function", .object(function)))
        return chunk(delta: .object([("tool_calls", .array([.object(call)]))]))
    }

    func finishChunk(_ reason: String) -> String {
        chunk(delta: .object([]), finishReason: reason)
    }

    /// The openai final chunk asked for with `stream_options.include_usage`.
    func usageChunk(_ usage: JSONValue) -> String {
        var members = envelopeMembers(object: "chat.completion.chunk", choices: [])
        members.append(("usage", usage))
        return event(data: .object(members))
    }

    func errorEvent(_ error: ServerError) -> String {
        let data = JSONValue.compactText(of: error.streamEventBody(for: dialect))
        switch dialect {
        case .prem: return "event: error\ndata: \(data)\n\n"
        case .openai: return "data: \(data)\n\n"
        }
    }

    /// Prem's done block carries two lines that are not SSE fields (see the protocol notes).
    func done(traceID: String, documentChunks: JSONValue) -> String {
        switch dialect {
        case .prem:
            return "event: done\ndata: [DONE]\ntrace_id: \(traceID)\ndocument_chunks: \(JSONValue.compactText(of: documentChunks))\n\n"
        case .openai:
            return "data: [DONE]\n\n"
        }
    }

    /// A whole non-streaming completion.
    func completion(text: String, finishReason: String, usage: JSONValue, traceID: String, documentChunks: JSONValue) -> JSONValue {
        var choice: [(key: String, value: JSONValue)] = []
        if dialect == .openai { choice.append(("index", .number(0))) }
        choice.append(("message", .object([("role", .string("assistant")), ("content", .string(text))])))
        choice.append(("finish_reason", .string(finishReason)))
        var members = envelopeMembers(object: "chat.completion", choices: [.object(choice)])
        members.append(("usage", usage))
        if dialect == .prem {
            members.append(("trace_id", .string(traceID)))
            members.append(("document_chunks", documentChunks))
        }
        return .object(members)
    }

    private func envelope(object: String, choices: [JSONValue]) -> JSONValue {
        .object(envelopeMembers(object: object, choices: choices))
    }

    /// Prem orders `id, model, object, created`; OpenAI `id, object, created, model`.
    private func envelopeMembers(object: String, choices: [JSONValue]) -> [(key: String, value: JSONValue)] {
        switch dialect {
        case .prem:
            return [("id", .string(id)), ("model", .string(model)), ("object", .string(object)),
                    ("created", .number(Double(created))), ("choices", .array(choices))]
        case .openai:
            return [("id", .string(id)), ("object", .string(object)), ("created", .number(Double(created))),
                    ("model", .string(model)), ("choices", .array(choices))]
        }
    }

    /// A data line that is not JSON (`/garbage`): a chunk cut short, as a broken proxy sends.
    func garbage(_ number: Int) -> String {
        let data = #"{"choices":[{"delta":{"content":"lost \#(number)"#
        switch dialect {
        case .prem: return "event: completion\ndata: \(data)\n\n"
        case .openai: return "data: \(data)\n\n"
        }
    }

    private func event(data: JSONValue) -> String {
        switch dialect {
        case .prem: return "event: completion\ndata: \(JSONValue.compactText(of: data))\n\n"
        case .openai: return "data: \(JSONValue.compactText(of: data))\n\n"
        }
    }
}
