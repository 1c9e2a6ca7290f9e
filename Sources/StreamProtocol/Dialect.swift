/// The two wire dialects chatterm speaks (docs/protocol.md, ../shared/reference/prem-protocol.md).
public enum Dialect: String, Sendable, Equatable, CaseIterable, Codable {
    /// Prem AI's own API: `POST {base}/v1/chat/completions`, `event:`-tagged SSE, `project_id`.
    case prem
    /// OpenAI-compatible servers: `POST {base}/chat/completions`, `data:`-only SSE.
    case openai
}
