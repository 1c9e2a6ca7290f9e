/// The two wire dialects chatterm speaks (docs/protocol.md, ../shared/reference/prem-protocol.md).
public enum Dialect: String, Sendable, Equatable, CaseIterable, Codable {
    /// Prem AI's own API: `POST {base}/v1/chat/completions`, `event:`-tagged SSE, `project_id`.
    case prem
    /// OpenAI-compatible servers: `POST {base}/chat/completions`, `data:`-only SSE.
    case openai
}

/// A request field without which a dialect's server refuses every request.
public enum RequiredField: Sendable, Equatable {
    case projectID
    case model
}

extension Dialect {
    /// The one rule, used both at launch and before each send: prem needs a project id (the
    /// model may come from the project), openai-compatible servers need a model. Nil when
    /// nothing required is missing.
    public func missingRequiredField(projectID: Int?, model: String?) -> RequiredField? {
        switch self {
        case .prem: return projectID == nil ? .projectID : nil
        case .openai: return (model ?? "").isEmpty ? .model : nil
        }
    }
}
