/// Encodes a `ChatRequest` as the JSON body of a streaming chat-completions POST.
///
/// Compact and deterministic. The members come from the field table (`RequestField.all`), each
/// written under the name its row gives for the dialect, by increasing `wire.position`, only when
/// set; `messages` and `stream` (always `true`) sit at their fixed positions between them. Today
/// that is `project_id`, `model`, `messages`, `system_prompt`, `session_id`, `stream`,
/// `temperature`, `top_p`, `max_tokens`, `frequency_penalty`, `presence_penalty`, `seed`, `stop`,
/// `user`, `logit_bias`, `response_format`, `tools`, `repositories` (`ids`, `limit`,
/// `similarity_threshold`); docs/fields.md has the table. Unset fields are omitted, never `null`;
/// a non-finite number counts as unset (JSON cannot carry it); an empty system prompt counts as
/// unset.
///
/// prem: messages carry `user`/`assistant` turns; the system prompt goes in `system_prompt`
/// (a stray `system` message is folded into it rather than sent with a role prem rejects).
/// openai: the system prompt becomes the first message (`role: system`) and the fields the
/// table marks not sent there (`project_id`, `session_id`, `repositories`) are left out (see
/// `unsupportedFields`).
public enum RequestEncoder {
    /// The rows in body order (computed once).
    static let rowsInWireOrder = RequestField.all.sorted { $0.wire.position < $1.wire.position }

    public static func body(for request: ChatRequest, dialect: Dialect) -> [UInt8] {
        var object = ObjectWriter()
        let (messages, systemPrompt) = wireMessages(of: request, dialect: dialect)
        var wroteMessages = false, wroteStream = false
        var nestedWritten: Set<String> = []
        for field in rowsInWireOrder {
            if !wroteMessages && field.wire.position > RequestField.messagesPosition {
                writeMessages(messages, into: &object)
                wroteMessages = true
            }
            if !wroteStream && field.wire.position > RequestField.streamPosition {
                object.member("stream") { $0.appendRaw("true") }
                wroteStream = true
            }
            switch field.wire.name(in: dialect) {
            case .notSent, .systemMessage:
                continue
            case let .member(name):
                // The system prompt's value is the one `wireMessages` settled (strays folded in).
                let value = field == .systemPrompt ? systemPrompt.map(RequestField.WireValue.string)
                    : field.wireValue(in: request.parameters)
                guard let value else { continue }
                object.member(name) { write(value, into: &$0) }
            case let .nested(_, parent):
                guard nestedWritten.insert(parent).inserted,
                      let nested = nestedObject(parent, of: request.parameters, dialect: dialect) else { continue }
                object.member(parent) { $0.append(nested) }
            }
        }
        if !wroteMessages { writeMessages(messages, into: &object) }
        if !wroteStream { object.member("stream") { $0.appendRaw("true") } }
        return object.finish()
    }

    private static func writeMessages(_ messages: [ChatMessage], into object: inout ObjectWriter) {
        object.member("messages") { writer in
            writer.appendRaw("[")
            for (index, message) in messages.enumerated() {
                if index > 0 { writer.appendRaw(",") }
                writeMessage(message, into: &writer)
            }
            writer.appendRaw("]")
        }
    }

    private static func write(_ value: RequestField.WireValue, into writer: inout JSONWriter) {
        switch value {
        case let .number(number): writer.appendNumber(number)
        case let .integer(number): writer.appendInt(number)
        case let .string(text): writer.appendString(text)
        case .strings, .integers, .json: writer.append(value.json)
        }
    }

    /// The set members of the object `parent` (`repositories`), or nil when none is set.
    private static func nestedObject(_ parent: String, of p: SessionParameters, dialect: Dialect) -> JSONValue? {
        var members: [(key: String, value: JSONValue)] = []
        for field in rowsInWireOrder {
            guard case let .nested(name, in: owner) = field.wire.name(in: dialect), owner == parent,
                  let value = field.wireValue(in: p) else { continue }
            members.append((key: name, value: value.json))
        }
        return members.isEmpty ? nil : .object(members)
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
    /// the UI can say so instead of dropping them silently (a nested one by its object's name).
    public static func unsupportedFields(in request: ChatRequest, dialect: Dialect) -> [String] {
        var names: [String] = []
        for field in rowsInWireOrder where field.wire.name(in: dialect) == .notSent {
            guard field.wireValue(in: request.parameters) != nil,
                  let name = field.wire.prem.topLevelName ?? field.wire.openai.topLevelName,
                  !names.contains(name) else { continue }
            names.append(name)
        }
        return names
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
}

/// Writes one JSON object member by member, handling the commas.
private struct ObjectWriter {
    private var writer = JSONWriter(capacity: 1024)
    private var isFirst = true

    init() {
        writer.appendRaw("{")
    }

    /// `name` is a wire name from the field table (plain ASCII), written as a JSON string.
    mutating func member(_ name: String, _ writeValue: (inout JSONWriter) -> Void) {
        if !isFirst { writer.appendRaw(",") }
        isFirst = false
        writer.appendString(name)
        writer.appendRaw(":")
        writeValue(&writer)
    }

    mutating func finish() -> [UInt8] {
        writer.appendRaw("}")
        return writer.bytes
    }
}
