import ChatCore
import StreamProtocol

/// The request-field flags of `chatterm ask`, as typed (files already read), by field: each
/// flag's name comes from its row of the field table (`RequestField.ask`). Each set flag goes
/// through `ParameterValidation`, the gate the parameters pane uses, so a value is accepted or
/// refused with the same words in both places. An empty value unsets the field (to drop a
/// preset's or a session's value for one ask).
public struct AskFieldFlags: Sendable, Equatable {
    /// The values each given flag had, in order. A repeatable flag (`--stop`, `--repository-id`)
    /// may hold several: for `--stop` the pane's escapes apply (`\n` is a line break, `\\` a
    /// backslash) and a real line break inside one value stays part of that value; for
    /// `--repository-id` commas and spaces separate too.
    public var values: [RequestField: [String]] = [:]

    public init() {}

    /// A flag given once (the last value when given more than once); nil when not given.
    public subscript(field: RequestField) -> String? {
        get { values[field]?.last }
        set { values[field] = newValue.map { [$0] } }
    }

    /// Every value of a repeatable flag; empty when not given.
    public subscript(all field: RequestField) -> [String] {
        get { values[field] ?? [] }
        set { values[field] = newValue.isEmpty ? nil : newValue }
    }

    /// Every flag with its field and the text the pane would be given, in the pane's order.
    var entries: [(flag: String, field: ParameterField, text: String?)] {
        RequestField.all.map { field in
            (field.ask.name, field, text(for: field))
        }
    }

    private func text(for field: RequestField) -> String? {
        guard let given = values[field], !given.isEmpty else { return nil }
        guard field.ask.isRepeatable else { return given.last }
        if case .strings = field.storage { return given.map(Self.oneStopLine).joined(separator: "\n") }
        return given.joined(separator: "\n")
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
