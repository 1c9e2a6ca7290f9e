import StreamProtocol

/// Every request field the parameters pane lists, in the order it lists them, with the control
/// that edits it. `messages` and `stream` are not here: the conversation and the client own them.
public enum ParameterField: String, Sendable, Equatable, CaseIterable, Codable {
    case model
    case systemPrompt = "system_prompt"
    case temperature
    case topP = "top_p"
    case maxTokens = "max_tokens"
    case frequencyPenalty = "frequency_penalty"
    case presencePenalty = "presence_penalty"
    case seed
    case stop
    case responseFormat = "response_format"
    case tools
    case logitBias = "logit_bias"
    case user
    case projectID = "project_id"
    case sessionID = "session_id"
    case repositoryIDs = "repositories.ids"
    case repositoryLimit = "repositories.limit"
    case similarityThreshold = "repositories.similarity_threshold"

    /// How a field is edited.
    public enum Kind: Sendable, Equatable {
        /// ←/→ step it, Enter types an exact value.
        case slider(NumericParameter)
        /// Typed or stepped whole number.
        case integer
        /// One line of text.
        case text
        /// Several lines (the system prompt); also editable in `$EDITOR`.
        case multilineText
        /// A list of strings (`stop`, at most `maxItems`) or of integers (`repositories.ids`),
        /// typed one item per line.
        case list(maxItems: Int?)
        /// JSON, validated before it is accepted.
        case json
    }

    /// The wire name, which is also the pane's label.
    public var wireName: String { rawValue }

    public var kind: Kind {
        switch self {
        case .temperature: return .slider(.temperature)
        case .topP: return .slider(.topP)
        case .maxTokens: return .slider(.maxTokens)
        case .frequencyPenalty: return .slider(.frequencyPenalty)
        case .presencePenalty: return .slider(.presencePenalty)
        case .repositoryLimit: return .slider(.repositoryLimit)
        case .similarityThreshold: return .slider(.similarityThreshold)
        case .seed, .projectID: return .integer
        case .model, .user, .sessionID: return .text
        case .systemPrompt: return .multilineText
        case .stop: return .list(maxItems: 4)
        case .repositoryIDs: return .list(maxItems: nil)
        case .logitBias, .responseFormat, .tools: return .json
        }
    }

    /// Whether `dialect` can carry the field. The openai dialect has no `project_id`,
    /// `session_id` or `repositories`; the pane marks such fields instead of hiding them.
    public func isCarried(by dialect: Dialect) -> Bool {
        switch self {
        case .projectID, .sessionID, .repositoryIDs, .repositoryLimit, .similarityThreshold:
            return dialect == .prem
        default:
            return true
        }
    }

    /// The value the field holds in `p`, written as it is sent; nil when unset.
    /// Fields with a fallback (model, project id, session id) show only the session's own value
    /// here; `effectiveText` adds the fallback.
    public func text(in p: SessionParameters) -> String? {
        switch kind {
        case let .slider(numeric):
            return numeric.value(in: p).map(numeric.format)
        default:
            break
        }
        switch self {
        case .model: return p.model
        case .systemPrompt: return p.systemPrompt
        case .seed: return p.seed.map(String.init)
        case .projectID: return p.projectID.map(String.init)
        case .user: return p.user
        case .sessionID: return p.sessionID
        // One sequence a line, with line breaks inside a sequence written as `\n` (StopEscaping).
        case .stop: return p.stop.map { $0.map(StopEscaping.escaped).joined(separator: "\n") }
        case .repositoryIDs: return p.repositoryIDs.map { $0.map(String.init).joined(separator: "\n") }
        case .logitBias: return p.logitBias
        case .responseFormat: return p.responseFormat
        case .tools: return p.tools
        default: return nil
        }
    }

    /// Whether the inline editor takes new lines (Alt+Enter / Ctrl+J): the system prompt, lists
    /// (one item a line) and JSON (which may be laid out over lines).
    public var isMultiline: Bool {
        switch kind {
        case .multilineText, .list, .json: return true
        case .slider, .integer, .text: return false
        }
    }

    /// Whether `e` opens it in `$EDITOR`: text, lists and JSON (numbers are typed inline).
    public var isExternallyEditable: Bool {
        switch kind {
        case .text, .multilineText, .list, .json: return true
        case .slider, .integer: return false
        }
    }

    /// Clears the field in `p`: it is no longer sent.
    public func unset(in p: inout SessionParameters) {
        if case let .slider(numeric) = kind {
            numeric.set(nil, in: &p)
            return
        }
        switch self {
        case .model: p.model = nil
        case .systemPrompt: p.systemPrompt = nil
        case .seed: p.seed = nil
        case .stop: p.stop = nil
        case .user: p.user = nil
        case .projectID: p.projectID = nil
        case .sessionID: p.sessionID = nil
        case .logitBias: p.logitBias = nil
        case .responseFormat: p.responseFormat = nil
        case .tools: p.tools = nil
        case .repositoryIDs: p.repositoryIDs = nil
        case .temperature, .topP, .maxTokens, .frequencyPenalty, .presencePenalty,
             .repositoryLimit, .similarityThreshold:
            break // sliders, handled above
        }
    }

    /// What the next request sends for this field: the session's value, or the profile's or the
    /// session's own id where the field has one. Nil when nothing is sent.
    public func effectiveText(in state: AppState) -> String? {
        if let own = text(in: state.parameters) { return own }
        switch self {
        case .model: return state.launch.profile.defaultModel
        case .projectID: return state.launch.profile.projectID.map(String.init)
        case .sessionID: return state.conversation.activeSessionID
        default: return nil
        }
    }
}
