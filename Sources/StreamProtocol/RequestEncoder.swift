/// Encodes a `ChatRequest` as the JSON body of a streaming chat-completions POST.
///
/// Compact and deterministic; members are written in this order, each only when set:
/// `project_id`, `model`, `messages`, `system_prompt`, `session_id`, `stream` (always `true`),
/// `temperature`, `top_p`, `max_tokens`, `frequency_penalty`, `presence_penalty`, `seed`, `stop`,
/// `user`, `logit_bias`, `response_format`, `tools`, `repositories` (`ids`, `limit`,
/// `similarity_threshold`). Unset fields are omitted, never `null`; a non-finite number counts as
/// unset (JSON cannot carry it); an empty system prompt counts as unset.
///
/// prem: messages carry `user`/`assistant` turns; the system prompt goes in `system_prompt`
/// (a stray `system` message is folded into it rather than sent with a role prem rejects).
/// openai: the system prompt becomes the first message (`role: system`) and `project_id`,
/// `session_id` and `repositories` are not sent (see `unsupportedFields`).
public enum RequestEncoder {
    public static func body(for request: ChatRequest, dialect: Dialect) -> [UInt8] {
        var object = ObjectWriter()
        let premDialect = dialect == .prem

        if premDialect, let projectID = request.projectID {
            object.member("project_id") { $0.appendInt(projectID) }
        }
        if let model = request.model {
            object.member("model") { $0.appendString(model) }
        }
        let (messages, systemPrompt) = wireMessages(of: request, dialect: dialect)
        object.member("messages") { writer in
            writer.appendRaw("[")
            for (index, message) in messages.enumerated() {
                if index > 0 { writer.appendRaw(",") }
                writeMessage(message, into: &writer)
            }
            writer.appendRaw("]")
        }
        if let systemPrompt {
            object.member("system_prompt") { $0.appendString(systemPrompt) }
        }
        if premDialect, let sessionID = request.sessionID {
            object.member("session_id") { $0.appendString(sessionID) }
        }
        object.member("stream") { $0.appendRaw("true") }
        object.number("temperature", request.temperature)
        object.number("top_p", request.topP)
        if let maxTokens = request.maxTokens {
            object.member("max_tokens") { $0.appendInt(maxTokens) }
        }
        object.number("frequency_penalty", request.frequencyPenalty)
        object.number("presence_penalty", request.presencePenalty)
        if let seed = request.seed {
            object.member("seed") { $0.appendInt(seed) }
        }
        if let stop = request.stop, !stop.isEmpty {
            // The seed's type is a string; several sequences only fit in an array.
            object.member("stop") { writer in
                if stop.count == 1 {
                    writer.appendString(stop[0])
                } else {
                    writer.append(.array(stop.map(JSONValue.string)))
                }
            }
        }
        if let user = request.user {
            object.member("user") { $0.appendString(user) }
        }
        if let logitBias = request.logitBias {
            object.member("logit_bias") { $0.append(logitBias) }
        }
        if let responseFormat = request.responseFormat {
            object.member("response_format") { $0.append(responseFormat) }
        }
        if let tools = request.tools {
            object.member("tools") { $0.append(tools) }
        }
        if premDialect, let repositories = request.repositories, let encoded = encode(repositories) {
            object.member("repositories") { $0.append(encoded) }
        }
        return object.finish()
    }

    /// One element of the body's `messages` array, byte for byte as `body(for:dialect:)` writes
    /// it there (elements are joined with `,`). The session store cuts the resent history out of
    /// a recorded body and puts it back from the stored messages with this, so the two share
    /// `writeMessage` and cannot drift apart.
    public static func encodedMessage(_ message: ChatMessage) -> [UInt8] {
        var writer = JSONWriter(capacity: message.content.utf8.count + 32)
        writeMessage(message, into: &writer)
        return writer.bytes
    }

    private static func writeMessage(_ message: ChatMessage, into writer: inout JSONWriter) {
        writer.appendRaw("{\"role\":")
        writer.appendString(message.role.rawValue)
        if let callID = message.toolCallID {
            writer.appendRaw(",\"tool_call_id\":")
            writer.appendString(callID)
        }
        writer.appendRaw(",\"content\":")
        if message.content.isEmpty && !message.toolCalls.isEmpty {
            // A turn that only calls tools has no text: OpenAI's schema wants null there.
            writer.appendRaw("null")
        } else {
            writer.appendString(message.content)
        }
        if !message.toolCalls.isEmpty {
            writer.appendRaw(",\"tool_calls\":[")
            for (index, call) in message.toolCalls.enumerated() {
                if index > 0 { writer.appendRaw(",") }
                writer.appendRaw("{\"id\":")
                writer.appendString(call.wireID)
                writer.appendRaw(",\"type\":\"function\",\"function\":{\"name\":")
                writer.appendString(call.name)
                writer.appendRaw(",\"arguments\":")
                writer.appendString(call.arguments)
                writer.appendRaw("}}")
            }
            writer.appendRaw("]")
        }
        writer.appendRaw("}")
    }

    /// Wire names of the fields that are set in `request` but that `dialect` cannot carry, so
    /// the UI can say so instead of dropping them silently.
    public static func unsupportedFields(in request: ChatRequest, dialect: Dialect) -> [String] {
        switch dialect {
        case .prem:
            return []
        case .openai:
            var names: [String] = []
            if request.projectID != nil { names.append("project_id") }
            if request.sessionID != nil { names.append("session_id") }
            if let repositories = request.repositories, encode(repositories) != nil { names.append("repositories") }
            return names
        }
    }

    /// Wire names of the fields `dialect` requires but `request` leaves unset
    /// (prem: `project_id`; openai: `model`).
    public static func missingRequiredFields(in request: ChatRequest, dialect: Dialect) -> [String] {
        switch dialect {
        case .prem:
            return request.projectID == nil ? ["project_id"] : []
        case .openai:
            return (request.model ?? "").isEmpty ? ["model"] : []
        }
    }

    /// The messages to send and the `system_prompt` member (prem only).
    private static func wireMessages(of request: ChatRequest, dialect: Dialect) -> ([ChatMessage], String?) {
        let systemPrompt = request.systemPrompt.flatMap { $0.isEmpty ? nil : $0 }
        switch dialect {
        case .openai:
            let leading = systemPrompt.map { [ChatMessage(role: .system, content: $0)] } ?? []
            return (leading + request.messages, nil)
        case .prem:
            let strays = request.messages.filter { $0.role == .system }.map(\.content)
            // prem has no tool role nor tool calls: a session that has them (from an openai
            // profile) sends its plain turns only.
            let turns = request.messages.compactMap { message -> ChatMessage? in
                guard message.role != .system, message.role != .tool else { return nil }
                guard !message.toolCalls.isEmpty else { return message }
                return message.content.isEmpty ? nil : ChatMessage(role: message.role, content: message.content)
            }
            let prompt = ([systemPrompt].compactMap { $0 } + strays).joined(separator: "\n\n")
            return (turns, prompt.isEmpty ? nil : prompt)
        }
    }

    /// The set members of `repositories`, or nil when none is set.
    private static func encode(_ repositories: RepositoryOptions) -> JSONValue? {
        var members: [(key: String, value: JSONValue)] = []
        if let ids = repositories.ids {
            members.append((key: "ids", value: .array(ids.map { .number(Double($0)) })))
        }
        if let limit = repositories.limit {
            members.append((key: "limit", value: .number(Double(limit))))
        }
        if let threshold = repositories.similarityThreshold, threshold.isFinite {
            members.append((key: "similarity_threshold", value: .number(threshold)))
        }
        return members.isEmpty ? nil : .object(members)
    }
}

/// Writes one JSON object member by member, handling the commas.
private struct ObjectWriter {
    private var writer = JSONWriter(capacity: 1024)
    private var isFirst = true

    init() {
        writer.appendRaw("{")
    }

    mutating func member(_ name: StaticString, _ writeValue: (inout JSONWriter) -> Void) {
        if !isFirst { writer.appendRaw(",") }
        isFirst = false
        writer.appendRaw("\"")
        writer.appendRaw(name)
        writer.appendRaw("\":")
        writeValue(&writer)
    }

    /// A floating-point member, skipped when unset or not finite.
    mutating func number(_ name: StaticString, _ value: Double?) {
        guard let value, value.isFinite else { return }
        member(name) { $0.appendNumber(value) }
    }

    mutating func finish() -> [UInt8] {
        writer.appendRaw("}")
        return writer.bytes
    }
}
