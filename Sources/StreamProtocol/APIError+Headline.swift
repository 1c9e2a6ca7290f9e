extension APIError {
    /// "HTTP 429 · RateLimitError: Too many requests": what failed, in one line, as the
    /// conversation pane and `chatterm ask` show it (the details and the advice follow).
    public var headline: String {
        var parts: [String] = []
        if let status { parts.append("HTTP \(status)") }
        if let code, !code.isEmpty {
            parts.append("\(code): \(message)")
        } else {
            parts.append(message)
        }
        return parts.joined(separator: " · ")
    }
}
