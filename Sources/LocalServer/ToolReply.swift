import StreamProtocol

/// One tool call a reply makes: the function's name as offered and its arguments' JSON text,
/// streamed in pieces of a few characters, as real servers do.
struct PlannedToolCall: Sendable, Equatable {
    var name: String
    var arguments: String

    var argumentPieces: [String] {
        var pieces: [String] = []
        var rest = Substring(arguments)
        while !rest.isEmpty {
            pieces.append(String(rest.prefix(7)))
            rest = rest.dropFirst(7)
        }
        return pieces
    }
}

/// What the tool commands make of a request: calls, a text answer about tools (the results
/// that came back, or why a named call cannot be made), or nothing (an ordinary reply).
enum ToolReply: Equatable {
    case none
    case calls([PlannedToolCall])
    case text(String)

    static func decide(request: ChatCompletionRequest, commands: TestCommands) -> ToolReply {
        if request.lastRole == "tool" {
            // The commands are the user's, before the results; the last message is a result.
            let userCommands = TestCommands.parse(request.lastUserText)
            if let rounds = userCommands.toolRounds, request.toolResultsSinceUser < rounds.count {
                return resolve([rounds.call], offered: request.offeredToolNames)
            }
            return .text(resultsText(request.toolResultsSinceAssistant))
        }
        if let rounds = commands.toolRounds {
            return resolve([rounds.call], offered: request.offeredToolNames)
        }
        if !commands.namedToolCalls.isEmpty {
            return resolve(commands.namedToolCalls, offered: request.offeredToolNames)
        }
        if commands.toolCall {
            // `/tool NAME` without arguments, when NAME is offered; else today's call to the
            // first tool with the prompt as its query.
            if let first = commands.prompt.split(whereSeparator: \.isWhitespace).first,
               let name = offeredName(for: String(first), in: request.offeredToolNames) {
                return .calls([PlannedToolCall(name: name, arguments: "{}")])
            }
            let arguments = JSONValue.compactText(of: .object([("query", .string(commands.prompt))]))
            return .calls([PlannedToolCall(name: request.firstToolName ?? "lookup", arguments: arguments)])
        }
        return .none
    }

    /// "NAME returned: CONTENT", one line per result (a result's own line breaks become spaces,
    /// so each stays one line a test can find).
    static func resultsText(_ results: [ToolResultSeen]) -> String {
        guard !results.isEmpty else { return "No tool results came back." }
        return results.map { result in
            let oneLine = result.content.split(whereSeparator: \.isNewline).joined(separator: " ")
            return "\(result.name) returned: \(oneLine)"
        }.joined(separator: "\n")
    }

    /// The offered function `name` means: itself, or the one whose name ends with `__name`
    /// (chatterm names MCP tools `SERVER__TOOL`).
    static func offeredName(for name: String, in offered: [String]) -> String? {
        offered.first { $0 == name } ?? offered.first { $0.hasSuffix("__" + name) }
    }

    /// Every call found and its arguments a JSON object, or a text reply saying what is wrong.
    private static func resolve(_ calls: [NamedToolCall], offered: [String]) -> ToolReply {
        var planned: [PlannedToolCall] = []
        for call in calls {
            guard let name = offeredName(for: call.name, in: offered) else {
                let available = offered.isEmpty ? "the request offers no tools" : "the request offers " + offered.joined(separator: ", ")
                return .text("/tool \(call.name): no function named \(call.name) (or ending in __\(call.name)) is offered; \(available).")
            }
            guard let arguments = JSONValue.parse(call.arguments), arguments.isObject else {
                return .text("/tool \(call.name): the arguments are not a JSON object: \(call.arguments)")
            }
            planned.append(PlannedToolCall(name: name, arguments: JSONValue.compactText(of: arguments)))
        }
        return .calls(planned)
    }
}
