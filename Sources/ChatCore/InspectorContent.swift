import StreamProtocol

/// The text of each message-inspector view, one string per line. Pure, so the view renders it
/// and the copy key puts the very same text on the clipboard.
public enum InspectorContent {
    public static func lines(for message: Message, view: MessageInspector.View, profile: Profile) -> [String] {
        switch view {
        case .parameters:
            return parameterLines(message, dialect: message.request?.dialect ?? profile.dialect)
        case .body:
            guard let request = message.request else { return [noRequest] }
            let pretty = JSONValue.parse(request.body)?.prettyText ?? request.body
            return pretty.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                + notCarriedLines(request)
        case .curl:
            return [copyText(for: message, view: .curl, profile: profile)]
        }
    }

    /// What the copy key copies: the curl command as one line, the body as sent (compact), or
    /// the parameter lines.
    public static func copyText(for message: Message, view: MessageInspector.View, profile: Profile) -> String {
        switch view {
        case .parameters:
            return lines(for: message, view: .parameters, profile: profile).joined(separator: "\n")
        case .body:
            return message.request?.body ?? ""
        case .curl:
            guard let request = message.request else { return noRequest }
            let headers = EndpointPaths.headers(apiKey: request.hadAPIKey ? "redacted" : nil, streaming: true)
            return CurlCommand.redacted(
                method: "POST", url: request.url, headers: headers, body: Array(request.body.utf8),
                apiKeyVariable: LaunchSettings.keyVariable(for: request.dialect))
        }
    }

    private static let noRequest = "This reply was stored before chatterm recorded requests."

    private static func parameterLines(_ message: Message, dialect: Dialect) -> [String] {
        guard let parameters = message.parameters else { return ["No parameters recorded for this message."] }
        var lines: [String] = []
        if let model = message.model { lines.append("answered by  \(model)") }
        for field in ParameterField.allCases {
            let value = field.text(in: parameters).map { $0.replacingOccurrences(of: "\n", with: " ⏎ ") } ?? "unset"
            let carried = field.isCarried(by: dialect) ? "" : "  (not sent: \(dialect.rawValue) has no such field)"
            lines.append("\(field.wireName)  \(value)\(carried)")
        }
        return lines
    }

    private static func notCarriedLines(_ request: SentRequest) -> [String] {
        guard !request.notCarried.isEmpty else { return [] }
        return ["", "Not sent (\(request.dialect.rawValue) cannot carry them): " + request.notCarried.joined(separator: ", ")]
    }
}
