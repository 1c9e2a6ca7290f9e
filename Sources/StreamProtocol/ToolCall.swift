/// One entry of a streamed delta's `tool_calls`: OpenAI-style servers send a call's `id` and
/// `function.name` in its first piece, then `function.arguments` as text fragments, every
/// piece under the same `index`.
public struct ToolCallDelta: Sendable, Equatable {
    public var index: Int
    public var id: String?
    public var name: String?
    /// A fragment of the arguments' JSON text (not valid JSON on its own).
    public var arguments: String?

    public init(index: Int, id: String? = nil, name: String? = nil, arguments: String? = nil) {
        self.index = index
        self.id = id
        self.name = name
        self.arguments = arguments
    }

    /// Read leniently: `index` falls back to the entry's position (some servers leave it out
    /// when there is one call); an entry with nothing in it gives nil.
    init?(_ entry: JSONValue, position: Int) {
        guard case .object = entry else { return nil }
        let function = entry["function"]
        index = entry["index"]?.intValue ?? position
        id = entry["id"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        name = function?["name"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        arguments = function?["arguments"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        if id == nil, name == nil, arguments == nil { return nil }
    }
}

/// A whole tool call the model asked for.
public struct ToolCall: Sendable, Equatable {
    public var index: Int
    public var id: String?
    public var name: String
    /// The arguments as the model wrote them: meant to be a JSON object, not checked.
    public var arguments: String

    public init(index: Int, id: String?, name: String, arguments: String) {
        self.index = index
        self.id = id
        self.name = name
        self.arguments = arguments
    }

    /// The id sent back with the call and with its result: the server's, or one made from the
    /// index for a server that sent none.
    public var wireID: String { id ?? "call_\(index)" }
}

/// Puts the pieces of streamed tool calls together, by index, in the order calls first appeared.
public struct ToolCallAssembly: Sendable, Equatable {
    public private(set) var calls: [ToolCall] = []

    public init() {}

    public var isEmpty: Bool { calls.isEmpty }

    public mutating func add(_ delta: ToolCallDelta) {
        guard let i = calls.firstIndex(where: { $0.index == delta.index }) else {
            calls.append(ToolCall(index: delta.index, id: delta.id, name: delta.name ?? "", arguments: delta.arguments ?? ""))
            return
        }
        if calls[i].id == nil { calls[i].id = delta.id }
        // A name comes whole in the first piece. Some servers repeat it in every piece; one
        // that splits it is appended to.
        if let name = delta.name, name != calls[i].name { calls[i].name += name }
        if let arguments = delta.arguments { calls[i].arguments += arguments }
    }
}
