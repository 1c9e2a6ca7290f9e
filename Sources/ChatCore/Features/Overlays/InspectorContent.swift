import StreamProtocol

/// The text of each message-inspector view, one string per line. Pure, so the view renders it
/// and the copy key puts the very same text on the clipboard.
public enum InspectorContent {
    /// The request to show for `message`: its own while it streams (the only time a message
    /// carries one in memory), otherwise what the inspector loaded from the store.
    public static func request(for message: Message, inspector: MessageInspector) -> InspectedRequest {
        if let own = message.request { return .recorded(own) }
        return inspector.messageID == message.id ? inspector.request : .loading
    }

    public static func lines(
        for message: Message, request: InspectedRequest, view: MessageInspector.View, profile: Profile
    ) -> [String] {
        switch view {
        case .parameters:
            return parameterLines(message, sent: request.sent, dialect: request.sent?.dialect ?? profile.dialect)
        case .body:
            guard let sent = request.sent else { return [missing(request)] }
            guard !sent.historyUnavailable else { return [historyChanged] + notCarriedLines(sent) }
            let pretty = JSONValue.parse(sent.body)?.prettyText ?? sent.body
            return pretty.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                + notCarriedLines(sent)
        case .curl:
            return [copyText(for: message, request: request, view: .curl, profile: profile)]
        }
    }

    /// What the copy key copies: the curl command as one line, the body as sent (compact), or
    /// the parameter lines.
    public static func copyText(
        for message: Message, request: InspectedRequest, view: MessageInspector.View, profile: Profile
    ) -> String {
        switch view {
        case .parameters:
            return lines(for: message, request: request, view: .parameters, profile: profile).joined(separator: "\n")
        case .body:
            guard let sent = request.sent, !sent.historyUnavailable else { return "" }
            return sent.body
        case .curl:
            guard let sent = request.sent else { return missing(request) }
            guard !sent.historyUnavailable else { return historyChanged }
            let headers = EndpointPaths.headers(apiKey: sent.hadAPIKey ? "redacted" : nil, streaming: true)
            return CurlCommand.redacted(
                method: "POST", url: sent.url, headers: headers, body: Array(sent.body.utf8),
                apiKeyVariable: sent.dialect == profile.dialect ? profile.apiKeyVariable : LaunchSettings.keyVariable(for: sent.dialect))
        }
    }

    /// Shown in place of the body or the curl command when there is no request to show.
    private static func missing(_ request: InspectedRequest) -> String {
        switch request {
        case .loading: return loading
        case let .failed(problem): return "Could not read the recorded request: \(problem)"
        case .recorded, .notRecorded: return noRequest
        }
    }

    private static let loading = "loading the recorded request…"
    static let historyChanged =
        "The conversation this request carried has changed since; the body cannot be shown exactly."
    private static let noRequest = "This reply was stored before chatterm recorded requests."

    private static func parameterLines(_ message: Message, sent: SentRequest?, dialect: Dialect) -> [String] {
        // What the server said about the reply, first: the trace id is what Prem's traces
        // page and support ask for, and the copy key copies these lines.
        var about: [String] = []
        if let trace = message.traceID { about.append("trace_id  \(trace)") }
        if let reason = message.finishReason { about.append("finish_reason  \(reason)") }
        if let skipped = message.stats?.skippedEvents, skipped > 0 {
            about.append("skipped  \(skipped) stream event\(skipped == 1 ? "" : "s") that were not JSON: the reply may miss text")
        }
        guard let parameters = message.parameters else { return about + ["No parameters recorded for this message."] }
        var lines: [String] = []
        if let model = message.model { lines.append("answered by  \(model)") }
        lines += about
        let body = sent.flatMap { $0.historyUnavailable ? nil : JSONValue.parse($0.body) }
        for field in ParameterField.allCases {
            let value = shownValue(of: field, in: parameters, body: body, dialect: dialect)
            let carried = field.isCarried(by: dialect) ? "" : "  (not sent: \(dialect.rawValue) has no such field)"
            lines.append("\(field.wireName)  \(value)\(carried)")
        }
        return lines
    }

    /// A field as the reply was requested with it: the session's value; for a field the
    /// request fills in when the session leaves it unset (the model, the project id, the
    /// session id), what the recorded body carried and where it came from, not "unset".
    private static func shownValue(of field: ParameterField, in parameters: SessionParameters, body: JSONValue?, dialect: Dialect) -> String {
        if let own = field.text(in: parameters) { return own.replacingOccurrences(of: "\n", with: " ⏎ ") }
        guard let fallback = field.fallback else { return "unset" }
        guard let body else { return "unset: \(fallback.source) goes in its place when there is one" }
        if case let .member(name) = field.wire.name(in: dialect), let sent = body[name]?.scalarText {
            return "\(sent)  (\(fallback.source))"
        }
        return "unset"
    }

    private static func notCarriedLines(_ request: SentRequest) -> [String] {
        guard !request.notCarried.isEmpty else { return [] }
        return ["", "Not sent (\(request.dialect.rawValue) cannot carry them): " + request.notCarried.joined(separator: ", ")]
    }
}

extension InspectedRequest {
    /// The request, once loaded and if there was one.
    var sent: SentRequest? {
        if case let .recorded(request) = self { return request }
        return nil
    }
}
