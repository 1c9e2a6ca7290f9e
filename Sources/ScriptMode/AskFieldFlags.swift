import ChatCore

/// The request-field flags of `chatterm ask`, as typed (files already read). Each set flag goes
/// through `ParameterValidation`, the gate the parameters pane uses, so a value is accepted or
/// refused with the same words in both places. An empty value unsets the field (to drop a
/// preset's or a session's value for one ask).
public struct AskFieldFlags: Sendable, Equatable {
    public var model: String?
    public var system: String?
    public var temperature: String?
    public var topP: String?
    public var maxTokens: String?
    public var frequencyPenalty: String?
    public var presencePenalty: String?
    public var seed: String?
    /// Repeatable. The pane's escapes apply (`\n` is a line break, `\\` a backslash); a real
    /// line break inside one value stays part of that value.
    public var stop: [String] = []
    public var logitBias: String?
    public var responseFormat: String?
    public var tools: String?
    public var user: String?
    public var projectID: String?
    public var sessionID: String?
    /// Repeatable; commas and spaces separate too.
    public var repositoryIDs: [String] = []
    public var repositoryLimit: String?
    public var similarityThreshold: String?

    public init() {}

    /// Every flag with its field, in the order the parameters pane lists the fields.
    var entries: [(flag: String, field: ParameterField, text: String?)] {
        [
            ("--model", .model, model),
            ("--system", .systemPrompt, system),
            ("--temperature", .temperature, temperature),
            ("--top-p", .topP, topP),
            ("--max-tokens", .maxTokens, maxTokens),
            ("--frequency-penalty", .frequencyPenalty, frequencyPenalty),
            ("--presence-penalty", .presencePenalty, presencePenalty),
            ("--seed", .seed, seed),
            ("--stop", .stop, stop.isEmpty ? nil : stop.map(Self.oneStopLine).joined(separator: "\n")),
            ("--response-format", .responseFormat, responseFormat),
            ("--tools", .tools, tools),
            ("--logit-bias", .logitBias, logitBias),
            ("--user", .user, user),
            ("--project-id", .projectID, projectID),
            ("--session-id", .sessionID, sessionID),
            ("--repository-id", .repositoryIDs, repositoryIDs.isEmpty ? nil : repositoryIDs.joined(separator: "\n")),
            ("--repository-limit", .repositoryLimit, repositoryLimit),
            ("--similarity-threshold", .similarityThreshold, similarityThreshold),
        ]
    }

    /// `base` with every given flag applied, or the first refusal, naming the flag.
    public func applied(to base: SessionParameters) -> Result<SessionParameters, AskUsageError> {
        var parameters = base
        for entry in entries {
            guard let text = entry.text else { continue }
            switch ParameterValidation.applying(text, to: entry.field, in: parameters) {
            case let .success(updated): parameters = updated
            case let .failure(problem): return .failure(AskUsageError("\(entry.flag): \(problem.message)."))
            }
        }
        return .success(parameters)
    }

    /// The pane reads `stop` one sequence a line: a line break typed inside one `--stop` value
    /// is written as its escape so it stays inside that sequence.
    private static func oneStopLine(_ value: String) -> String {
        var line = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            default: line.unicodeScalars.append(scalar)
            }
        }
        return line
    }
}
