import StreamProtocol

/// What the server needs from a valid chat-completions body, in either dialect.
struct ChatCompletionRequest: Sendable {
    var dialect: Dialect
    var model: String
    var stream: Bool
    var lastUserMessage: String
    var maxTokens: Int?
    var seed: Int?
    var repositoryIDs: [Int]
    var repositoryLimit: Int?
    var includeUsage: Bool
    /// The function names of `tools`, in order (`/tool` calls the first; `/tool NAME` finds one).
    var offeredToolNames: [String]
    var firstToolName: String? { offeredToolNames.first }
    /// The last message's role: `tool` means the reply answers the tools' results.
    var lastRole: String?
    /// The last `user` message's text: where the test commands are, also when tool results
    /// follow it (`lastUserMessage` is then the last result).
    var lastUserText: String
    /// The `tool` messages after the last assistant turn, named by the call they answer.
    var toolResultsSinceAssistant: [ToolResultSeen]
    /// How many `tool` messages follow the last `user` message (`/tool-rounds` counts them).
    var toolResultsSinceUser: Int
    /// Whitespace-separated words of all messages: a stand-in for prompt tokens in `usage`.
    var promptWordCount: Int
    /// The body exactly as received (for `/echo`).
    var rawBody: [UInt8]

    /// Validates `body` the way the real service would and collects every problem found, so a
    /// client author sees all mistakes in one answer (400 with per-field `details`).
    static func parse(body: [UInt8], dialect: Dialect, configuration: LocalServerConfiguration) -> Result<ChatCompletionRequest, ServerError> {
        let json: JSONValue
        switch JSONValue.parseLocatingError(utf8: body) {
        case let .success(value): json = value
        case let .failure(error): return .failure(.validation([("body", "Invalid JSON at byte \(error.offset).")]))
        }
        guard json.isObject else { return .failure(.validation([("body", "Expected a JSON object.")])) }

        var problems: [(field: String, problem: String)] = []
        let allowedRoles: Set<String> = dialect == .prem ? ["user", "assistant"] : ["system", "developer", "user", "assistant", "tool"]

        switch dialect {
        case .prem:
            if let projectID = json["project_id"] {
                if projectID.integerValue == nil { problems.append(("project_id", "A valid integer is required.")) }
            } else {
                problems.append(("project_id", "This field is required."))
            }
        case .openai:
            if json["model"] == nil { problems.append(("model", "This field is required.")) }
        }

        var lastUser = ""
        var lastUserText = ""
        var lastRole: String?
        var promptWords = 0
        var callNames: [String: String] = [:]
        var resultsSinceAssistant: [ToolResultSeen] = []
        var resultsSinceUser = 0
        if let messages = json["messages"] {
            if let list = messages.arrayValue {
                if list.isEmpty { problems.append(("messages", "Ensure this field has at least 1 element.")) }
                for (index, message) in list.enumerated() {
                    guard message.isObject else {
                        problems.append(("messages[\(index)]", "Expected an object with role and content."))
                        continue
                    }
                    let role = message["role"]?.stringValue
                    lastRole = role
                    switch role {
                    case "user":
                        resultsSinceUser = 0
                        resultsSinceAssistant = []
                    case "assistant":
                        resultsSinceAssistant = []
                        for call in message["tool_calls"]?.arrayValue ?? [] {
                            if let id = call["id"]?.stringValue, let name = call["function"]?["name"]?.stringValue { callNames[id] = name }
                        }
                    case "tool":
                        resultsSinceUser += 1
                        let id = message["tool_call_id"]?.stringValue ?? ""
                        let name = callNames[id] ?? message["name"]?.stringValue ?? "tool"
                        resultsSinceAssistant.append(ToolResultSeen(name: name, content: message["content"]?.stringValue ?? ""))
                    default: break
                    }
                    if let role, allowedRoles.contains(role) {
                        // fine
                    } else {
                        let allowed = allowedRoles.sorted().map { "'\($0)'" }.joined(separator: ", ")
                        problems.append(("messages[\(index)].role", "Must be one of \(allowed)."))
                    }
                    if let content = message["content"]?.stringValue {
                        promptWords += content.split(whereSeparator: \.isWhitespace).count
                        if role == "user" {
                            lastUser = content
                            lastUserText = content
                        }
                        // A tool result is what the next reply answers; its words are no commands.
                        if role == "tool" { lastUser = "tool result: " + content }
                    } else if role == "assistant", message["content"]?.isNull == true, message["tool_calls"]?.arrayValue != nil {
                        // A turn that only called tools carries null content (OpenAI's schema).
                    } else {
                        problems.append(("messages[\(index)].content", "A string is required."))
                    }
                }
            } else {
                problems.append(("messages", "Expected a list of messages."))
            }
        } else {
            problems.append(("messages", "This field is required."))
        }

        let model = json["model"]
        if let model, model.stringValue == nil { problems.append(("model", "Must be a string.")) }

        var stream = false
        if let value = json["stream"] {
            if let flag = value.boolValue { stream = flag } else { problems.append(("stream", "Must be a boolean.")) }
        }

        let maxTokenKey = json["max_tokens"] != nil || dialect == .prem ? "max_tokens" : "max_completion_tokens"
        var maxTokens: Int?
        if let value = json[maxTokenKey] {
            if let count = value.integerValue, count > 0 { maxTokens = count } else {
                problems.append((maxTokenKey, "Must be a positive integer."))
            }
        }

        checkRange("temperature", in: json, 0...2, into: &problems)
        checkRange("top_p", in: json, 0...1, into: &problems)
        checkRange("frequency_penalty", in: json, -2...2, into: &problems)
        checkRange("presence_penalty", in: json, -2...2, into: &problems)

        var seed: Int?
        if let value = json["seed"] {
            if let number = value.integerValue { seed = number } else { problems.append(("seed", "A valid integer is required.")) }
        }
        checkStop(json["stop"], into: &problems)
        for key in ["session_id", "system_prompt", "user"] where dialect == .prem {
            if let value = json[key], value.stringValue == nil { problems.append((key, "Must be a string.")) }
        }

        var repositoryIDs: [Int] = []
        var repositoryLimit: Int?
        if dialect == .prem, let repositories = json["repositories"] {
            if !repositories.isObject {
                problems.append(("repositories", "Expected an object."))
            } else {
                if let ids = repositories["ids"] {
                    let values = ids.arrayValue?.compactMap(\.integerValue)
                    if let values, values.count == ids.arrayValue?.count { repositoryIDs = values } else {
                        problems.append(("repositories.ids", "Expected a list of integers."))
                    }
                }
                if let limit = repositories["limit"] {
                    if let value = limit.integerValue, value > 0 { repositoryLimit = value } else {
                        problems.append(("repositories.limit", "Must be a positive integer."))
                    }
                }
            }
        }

        var includeUsage = false
        if dialect == .openai, let options = json["stream_options"] {
            includeUsage = options["include_usage"]?.boolValue ?? false
        }

        guard problems.isEmpty else { return .failure(.validation(problems)) }

        let modelName = model?.stringValue ?? configuration.defaultModel
        guard configuration.knownModels.contains(modelName) else { return .failure(.modelNotFound(modelName)) }

        return .success(ChatCompletionRequest(
            dialect: dialect, model: modelName, stream: stream, lastUserMessage: lastUser,
            maxTokens: maxTokens, seed: seed, repositoryIDs: repositoryIDs, repositoryLimit: repositoryLimit,
            includeUsage: includeUsage,
            offeredToolNames: (json["tools"]?.arrayValue ?? []).compactMap { $0["function"]?["name"]?.stringValue },
            lastRole: lastRole, lastUserText: lastUserText, toolResultsSinceAssistant: resultsSinceAssistant,
            toolResultsSinceUser: resultsSinceUser, promptWordCount: promptWords, rawBody: body
        ))
    }

    private static func checkRange(_ key: String, in json: JSONValue, _ range: ClosedRange<Double>, into problems: inout [(field: String, problem: String)]) {
        guard let value = json[key] else { return }
        guard let number = value.numberValue, range.contains(number) else {
            problems.append((key, "Must be a number between \(JSONValue.number(range.lowerBound).compactText) and \(JSONValue.number(range.upperBound).compactText)."))
            return
        }
    }

    /// `stop` is a string in the seed's schema, but clients send an array for several sequences.
    private static func checkStop(_ stop: JSONValue?, into problems: inout [(field: String, problem: String)]) {
        guard let stop else { return }
        if stop.stringValue != nil { return }
        if let list = stop.arrayValue, list.count <= 4, list.allSatisfy({ $0.stringValue != nil }) { return }
        problems.append(("stop", "Must be a string or a list of at most 4 strings."))
    }
}

/// A tool's result as the request carries it: the function it answers and what it returned.
struct ToolResultSeen: Sendable, Equatable {
    var name: String
    var content: String
}
