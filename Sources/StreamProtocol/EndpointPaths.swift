/// Where each dialect's endpoints live (../shared/reference/prem-protocol.md). Pure string
/// work, here rather than in the client so the reducer can record the URL a request went to and
/// views can show it as a curl command.
public enum EndpointPaths {
    /// prem: `{base}/v1/chat/completions`; openai: `{base}/chat/completions` (its base already
    /// ends in `/v1`). Trailing slashes of `base` are ignored.
    public static func completionsURL(base: String, dialect: Dialect) -> String {
        switch dialect {
        case .prem: return trimmed(base) + "/v1/chat/completions"
        case .openai: return trimmed(base) + "/chat/completions"
        }
    }

    /// prem: `{base}/v1/models/` (Prem's API spells it with the slash); openai: `{base}/models`.
    public static func modelsURL(base: String, dialect: Dialect) -> String {
        switch dialect {
        case .prem: return trimmed(base) + "/v1/models/"
        case .openai: return trimmed(base) + "/models"
        }
    }

    /// Authorization only with a non-empty key (local servers need none), JSON body, and SSE
    /// when streaming.
    public static func headers(apiKey: String?, streaming: Bool) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        if let apiKey, !apiKey.isEmpty {
            headers.append((name: "Authorization", value: "Bearer \(apiKey)"))
        }
        headers.append((name: "Content-Type", value: "application/json"))
        if streaming {
            headers.append((name: "Accept", value: "text/event-stream"))
        }
        return headers
    }

    private static func trimmed(_ base: String) -> String {
        var base = Substring(base)
        while base.hasSuffix("/") { base.removeLast() }
        return String(base)
    }
}
