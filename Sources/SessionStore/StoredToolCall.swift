import StreamProtocol

/// A tool call as the `tool_calls_json` column holds it (an array of these). `ToolCall` itself
/// is a wire type and stays free of storage concerns.
struct StoredToolCall: Codable, Equatable {
    var index: Int
    var id: String?
    var name: String
    var arguments: String

    init(_ call: ToolCall) {
        index = call.index
        id = call.id
        name = call.name
        arguments = call.arguments
    }

    var toolCall: ToolCall { ToolCall(index: index, id: id, name: name, arguments: arguments) }
}
