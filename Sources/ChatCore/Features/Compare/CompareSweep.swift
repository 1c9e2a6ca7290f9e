import StreamProtocol

/// The compare setup's one line: the parameter sets its columns ask with.
///
///     temperature=0.2,0.8,1.4          three columns, one per value
///     top_p=0.3,1 max_tokens=64        two columns, both with max_tokens 64
///     preset=terse,creative            a column per saved preset
///     | temperature=1.4                the current parameters, and beside them temperature 1.4
///
/// A line is groups of columns separated by `|`; an empty group is one column with the current
/// parameters. In a group, each `field=values` applies to every column of it, and a field with
/// several values multiplies the columns (every combination, the first field varying slowest).
/// Values are typed as in the parameters pane's editor and checked by `ParameterValidation`;
/// `"..."` quotes a value holding commas, spaces or `|`; `unset` (or nothing after `=`) unsets
/// the field; items of a list field (`stop`) are separated by `;`. Pure: the setup view calls
/// it as it draws, Enter as it sends.
public enum CompareSweep {
    public static let maximumColumns = 4

    /// The columns `line` asks for, each the current parameters with its values applied, or
    /// the first thing wrong with the line.
    public static func columns(
        _ line: String, current: SessionParameters, presets: [Preset]
    ) -> Result<[SessionParameters], ParameterProblem> {
        do {
            var columns: [SessionParameters] = []
            for group in try split(line, on: "|") {
                columns += try groupColumns(group, current: current, presets: presets)
                guard columns.count <= maximumColumns else { throw tooMany(line, current, presets) }
            }
            return .success(columns)
        } catch let problem as ParameterProblem {
            return .failure(problem)
        } catch {
            return .failure(ParameterProblem("\(error)"))
        }
    }

    /// What each column shows of its parameters: the first column, the fields it changes from
    /// the current parameters ("as set" when none); every other column, only the fields that
    /// differ from the first ("same as 1" when none).
    public static func labels(_ columns: [SessionParameters], current: SessionParameters) -> [String] {
        columns.enumerated().map { index, column in
            let base = index == 0 ? current : columns[0]
            let differences = ParameterChanges.differences(from: base, to: column)
            if differences.isEmpty { return index == 0 ? "as set" : "same as 1" }
            return differences.joined(separator: " · ")
        }
    }

    /// The names a sweep takes: every field of the parameters pane, and `preset`.
    public static var fieldNames: [String] { ParameterField.allCases.map(\.wireName) + ["preset"] }

    private static func groupColumns(_ group: String, current: SessionParameters, presets: [Preset]) throws -> [SessionParameters] {
        var columns = [current]
        var named: Set<String> = []
        for assignment in try split(group, onWhitespace: true) {
            guard let equals = assignment.firstIndex(of: "=") else {
                throw ParameterProblem("\"\(assignment)\" is not field=value (e.g. temperature=0.2,0.8)")
            }
            let name = String(assignment[..<equals])
            guard named.insert(name).inserted else { throw ParameterProblem("\(name) is given twice in one group") }
            let values = try split(String(assignment[assignment.index(after: equals)...]), on: ",")
            var next: [SessionParameters] = []
            if name == "preset" {
                // A preset replaces every field, so it comes first in its group.
                guard named.count == 1 else { throw ParameterProblem("preset= must come first in its group (it sets every field)") }
                for value in values {
                    let wanted = unquoted(value)
                    guard let preset = presets.first(where: { $0.name == wanted }) else {
                        let known = presets.map(\.name)
                        throw ParameterProblem("no preset named \"\(wanted)\"" + (known.isEmpty ? " (none saved yet: Ctrl+P)" : ": " + known.joined(separator: ", ")))
                    }
                    next += columns.map { preset.applied(to: $0) }
                }
            } else {
                guard let field = ParameterField(rawValue: name) else {
                    throw ParameterProblem("unknown field \"\(name)\": use one of " + fieldNames.joined(separator: ", "))
                }
                for column in columns {
                    for value in values {
                        switch ParameterValidation.applying(text(of: value, for: field), to: field, in: column) {
                        case let .success(parameters): next.append(parameters)
                        case let .failure(problem): throw problem
                        }
                    }
                }
            }
            columns = next
            guard columns.count <= maximumColumns else { throw ParameterProblem("\(columns.count) columns: at most \(maximumColumns)") }
        }
        return columns
    }

    private static func tooMany(_ line: String, _ current: SessionParameters, _ presets: [Preset]) -> ParameterProblem {
        let groups = (try? split(line, on: "|")) ?? []
        let count = groups.reduce(0) { $0 + ((try? groupColumns($1, current: current, presets: presets).count) ?? 0) }
        return ParameterProblem("\(count) columns: at most \(maximumColumns)")
    }

    /// The text the field's editor would be given for one typed value.
    private static func text(of value: String, for field: ParameterField) -> String {
        let isQuoted = value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\"")
        if !isQuoted, value == "unset" { return "" }
        let literal = unquoted(value)
        if case .list = field.kind, !isQuoted {
            return literal.split(separator: ";", omittingEmptySubsequences: false).joined(separator: "\n")
        }
        return literal
    }

    /// A value in double quotes without them, `\"` and `\\` read as the character.
    private static func unquoted(_ value: String) -> String {
        guard value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else { return value }
        var result = ""
        var escaped = false
        for character in value.dropFirst().dropLast() {
            if escaped {
                result.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// `text` cut at `separator` (or at runs of whitespace) outside quotes and JSON brackets;
    /// empty pieces between whitespace are dropped, empty groups and values kept.
    static func split(_ text: String, on separator: Character = " ", onWhitespace: Bool = false) throws -> [String] {
        var pieces: [String] = []
        var piece = ""
        var depth = 0
        var inQuotes = false
        var escaped = false
        for character in text {
            if inQuotes {
                piece.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inQuotes = false }
                continue
            }
            switch character {
            case "\"": inQuotes = true
            case "{", "[": depth += 1
            case "}", "]": depth = max(0, depth - 1)
            default: break
            }
            let cuts = depth == 0 && (onWhitespace ? character.isWhitespace : character == separator)
            if cuts {
                if !onWhitespace || !piece.isEmpty { pieces.append(piece) }
                piece = ""
            } else {
                piece.append(character)
            }
        }
        guard !inQuotes else { throw ParameterProblem("a quote is not closed: \(text.trimmingSpaces)") }
        if !onWhitespace || !piece.isEmpty { pieces.append(piece) }
        return onWhitespace ? pieces : pieces.map(\.trimmingSpaces)
    }
}

private extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
