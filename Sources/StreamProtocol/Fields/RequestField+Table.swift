/// The one request-field table. Each field of the seed schema (except `messages` and `stream`)
/// is one row here; the encoder, the pane, `[defaults]`, `ask`'s flags and docs/fields.md are
/// generated from these rows. `all` is the pane's order; `wire.position` the body's.
///
/// Adding a field: a stored property in `SessionParameters`, a row here (a slider's track
/// beside it) and its place in `all`; then `make fields-doc` and the row's tests
/// (FieldTableRoundTripTests walks every row).
extension RequestField {
    /// Every field, in the order the parameters pane lists them.
    public static let all: [RequestField] = [
        model, systemPrompt, temperature, topP, maxTokens, frequencyPenalty, presencePenalty, seed, stop,
        responseFormat, tools, logitBias, user, projectID, sessionID, repositoryIDs, repositoryLimit,
        similarityThreshold,
    ]

    public static let model = RequestField(
        "model", kind: .text, storage: .text(\.model), wire: .both(11, "model"), group: .model,
        fallback: .profileModel,
        config: .elsewhere(hint: #"set the model at the top level of the file (model = "NAME") or with --model; "#
            + "it is used by every session that does not pick another"),
        ask: AskFlag("--model", connectionOption: true), help: "The model to ask (the profile's model when unset).")

    public static let systemPrompt = RequestField(
        "system_prompt", kind: .multilineText, storage: .text(\.systemPrompt),
        wire: .init(position: 21, prem: .member("system_prompt"), openai: .systemMessage), group: .model,
        config: .key("system_prompt"), ask: AskFlag("--system"),
        help: "The system prompt.",
        configExample: #"""
            """
            You are a concise assistant.
            Answer in plain text."""
            """#)

    public static let temperature = RequestField(
        "temperature", kind: .slider(.temperature), storage: .number(\.temperature), wire: .both(50, "temperature"),
        group: .sampling, config: .key("temperature"), ask: AskFlag("--temperature"), help: "Sampling temperature, 0 to 2.",
        configExample: "0.7")

    public static let topP = RequestField(
        "top_p", kind: .slider(.topP), storage: .number(\.topP), wire: .both(51, "top_p"),
        group: .sampling, config: .key("top_p"), ask: AskFlag("--top-p"), help: "Nucleus sampling, 0 to 1.",
        configExample: "0.95")

    public static let maxTokens = RequestField(
        "max_tokens", kind: .slider(.maxTokens), storage: .integer(\.maxTokens), wire: .both(52, "max_tokens"),
        group: .sampling, config: .key("max_tokens"), ask: AskFlag("--max-tokens"), help: "Most tokens to generate.",
        configExample: "2048")

    public static let frequencyPenalty = RequestField(
        "frequency_penalty", kind: .slider(.frequencyPenalty), storage: .number(\.frequencyPenalty),
        wire: .both(53, "frequency_penalty"), group: .sampling, config: .key("frequency_penalty"),
        ask: AskFlag("--frequency-penalty"), help: "Frequency penalty, -2 to 2.")

    public static let presencePenalty = RequestField(
        "presence_penalty", kind: .slider(.presencePenalty), storage: .number(\.presencePenalty),
        wire: .both(54, "presence_penalty"), group: .sampling, config: .key("presence_penalty"),
        ask: AskFlag("--presence-penalty"), help: "Presence penalty, -2 to 2.")

    public static let seed = RequestField(
        "seed", kind: .integer(minimum: Int.min), storage: .integer(\.seed), wire: .both(55, "seed"),
        group: .sampling, config: .key("seed"), ask: AskFlag("--seed"), help: "Random seed (a 64-bit whole number).",
        configExample: "42")

    public static let stop = RequestField(
        "stop", kind: .list(maxItems: 4), storage: .strings(\.stop), wire: .both(56, "stop"),
        group: .sampling, config: .key("stop"), ask: AskFlag("--stop", repeatable: true),
        help: #"A stop sequence; repeat for up to 4 (\n is a line break, \\ a backslash)."#,
        configExample: ####"["\n\nUser:", "###"]"####)

    public static let responseFormat = RequestField(
        "response_format", kind: .json(.responseFormat), storage: .text(\.responseFormat),
        wire: .both(59, "response_format"), group: .output, config: .key("response_format"),
        ask: AskFlag("--response-format"), help: "response_format: a JSON object, or @FILE.",
        configExample: #"{ type = "json_object" }"#)

    public static let tools = RequestField(
        "tools", kind: .json(.tools), storage: .text(\.tools), wire: .both(60, "tools"),
        group: .output, config: .key("tools"), ask: AskFlag("--tools"), help: "tools: a JSON array of function tools, or @FILE.",
        configExample: #"""
            '''
            [{"type": "function",
              "function": {"name": "get_time", "parameters": {"type": "object", "properties": {}}}}]'''
            """#)

    public static let logitBias = RequestField(
        "logit_bias", kind: .json(.logitBias), storage: .text(\.logitBias), wire: .both(58, "logit_bias"),
        group: .output, config: .key("logit_bias"), ask: AskFlag("--logit-bias"),
        help: "logit_bias: a JSON object of token id to -100...100, or @FILE.",
        configExample: #"{ "50256" = -100 }"#)

    public static let user = RequestField(
        "user", kind: .text, storage: .text(\.user), wire: .both(57, "user"),
        group: .identity, config: .key("user"), ask: AskFlag("--user"), help: "The user field (an end-user id).",
        configExample: #""me@example.com""#)

    public static let projectID = RequestField(
        "project_id", kind: .integer(minimum: 1), storage: .integer(\.projectID),
        wire: .init(position: 10, prem: .member("project_id"), openai: .notSent), group: .identity,
        fallback: .profileProjectID,
        config: .elsewhere(hint: "set the project id at the top level of the file (project_id = N) or with --project-id"),
        ask: AskFlag("--project-id", connectionOption: true), help: "The prem project the request belongs to (the profile's when unset).")

    public static let sessionID = RequestField(
        "session_id", kind: .text, storage: .text(\.sessionID),
        wire: .init(position: 30, prem: .member("session_id"), openai: .notSent), group: .identity,
        fallback: .sessionID,
        config: .elsewhere(hint: "cannot have a default: each session sends its own id (regenerate it in the parameters pane)"),
        ask: AskFlag("--session-id"), help: "The session_id field sent (prem), not a stored session.")

    public static let repositoryIDs = RequestField(
        "repositories.ids", kind: .list(maxItems: nil), storage: .integers(\.repositoryIDs),
        wire: .init(position: 70, prem: .nested("ids", in: "repositories"), openai: .notSent), group: .retrieval,
        config: .key("repositories.ids"), ask: AskFlag("--repository-id", repeatable: true),
        help: "A repository id for RAG (prem); repeatable.",
        configExample: "[12, 34]")

    public static let repositoryLimit = RequestField(
        "repositories.limit", kind: .slider(.repositoryLimit), storage: .integer(\.repositoryLimit),
        wire: .init(position: 71, prem: .nested("limit", in: "repositories"), openai: .notSent), group: .retrieval,
        config: .key("repositories.limit"), ask: AskFlag("--repository-limit"),
        help: "How many repository chunks to use (prem).",
        configExample: "5")

    public static let similarityThreshold = RequestField(
        "repositories.similarity_threshold", kind: .slider(.similarityThreshold), storage: .number(\.similarityThreshold),
        wire: .init(position: 72, prem: .nested("similarity_threshold", in: "repositories"), openai: .notSent),
        group: .retrieval, config: .key("repositories.similarity_threshold"), ask: AskFlag("--similarity-threshold"),
        help: "Least similarity of a repository chunk, 0 to 1 (prem).",
        configExample: "0.4")
}

/// The sliders' tracks, one beside each slider row above.
extension NumericParameter {
    public static let maxTokensCap = 131_072
    /// Prem documents no upper bound for `repositories.limit`; more chunks than this do not fit
    /// any context window.
    public static let repositoryLimitCap = 100

    public static let temperature = NumericParameter(
        "temperature", .double(\.temperature), range: 0...2, defaultValue: 1, decimals: 1, step: 0.1, bigStep: 0.5)
    public static let topP = NumericParameter(
        "top_p", .double(\.topP), range: 0...1, defaultValue: 1, decimals: 2, step: 0.05, bigStep: 0.25)
    /// Logarithmic (the range is wider than a thousandfold): steps go through round values.
    public static let maxTokens = NumericParameter(
        "max_tokens", .whole(\.maxTokens), range: 1...Double(maxTokensCap), defaultValue: 1024, decimals: 0,
        step: 1, bigStep: 1)
    public static let frequencyPenalty = NumericParameter(
        "frequency_penalty", .double(\.frequencyPenalty), range: -2...2, defaultValue: 0, decimals: 1, step: 0.1, bigStep: 0.5)
    public static let presencePenalty = NumericParameter(
        "presence_penalty", .double(\.presencePenalty), range: -2...2, defaultValue: 0, decimals: 1, step: 0.1, bigStep: 0.5)
    public static let repositoryLimit = NumericParameter(
        "repositories.limit", .whole(\.repositoryLimit), range: 1...Double(repositoryLimitCap), defaultValue: 3,
        decimals: 0, step: 1, bigStep: 5)
    public static let similarityThreshold = NumericParameter(
        "repositories.similarity_threshold", .double(\.similarityThreshold), range: 0...1, defaultValue: 0.5,
        decimals: 2, step: 0.05, bigStep: 0.25)

    /// Every slider, in pane order.
    public static var allCases: [NumericParameter] {
        RequestField.all.compactMap { if case let .slider(numeric) = $0.kind { return numeric } else { return nil } }
    }
}
