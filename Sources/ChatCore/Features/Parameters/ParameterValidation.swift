import StreamProtocol

/// Turns the text a user typed (inline editor, `$EDITOR`, model picker) into a field's value.
/// The one gate every typed value goes through: an invalid value is refused with the reason and
/// the field keeps its old value; nothing is clamped or guessed.
///
/// Blank text means "unset" for every field. Accepted JSON is stored as compact text, so the
/// request carries exactly what was accepted.
public enum ParameterValidation {
    /// The parameters with `field` set from `text`, or why `text` is not a value for it.
    public static func applying(
        _ text: String, to field: ParameterField, in parameters: SessionParameters
    ) -> Result<SessionParameters, ParameterProblem> {
        var p = parameters
        if isBlank(text) {
            field.unset(in: &p)
            return .success(p)
        }
        do {
            try set(field, from: text, in: &p)
            return .success(p)
        } catch let problem as ParameterProblem {
            return .failure(problem)
        } catch {
            return .failure(ParameterProblem("\(field.wireName): \(error)"))
        }
    }

    /// By the row's kind and storage: the one rule for each kind of field.
    private static func set(_ field: ParameterField, from text: String, in p: inout SessionParameters) throws {
        switch (field.kind, field.storage) {
        case let (.slider(numeric), _):
            numeric.setExactly(try sliderValue(numeric, text), in: &p)
        case let (.text, .text(path)):
            p[keyPath: path] = try singleLine(field, text)
        case let (.multilineText, .text(path)):
            p[keyPath: path] = withoutTrailingNewlines(text)
        case let (.integer(minimum), .integer(path)):
            guard let value = Int(trimmed(text)), value >= minimum else {
                throw ParameterProblem(minimum == Int.min
                    ? "\(field.wireName) must be a whole number (64-bit signed)"
                    : "\(field.wireName) must be a whole number greater than \(minimum - 1)")
            }
            p[keyPath: path] = value
        case let (.list(maxItems), .strings(path)):
            p[keyPath: path] = try stringList(field, text, maxItems: maxItems)
        case let (.list, .integers(path)):
            p[keyPath: path] = try positiveIntegers(field, text)
        case let (.json, .text(path)):
            p[keyPath: path] = try JSONFieldValidation.parse(text, as: field).compactText
        default:
            throw ParameterProblem("\(field.wireName) cannot be typed")
        }
    }

    /// A number within the slider's range; whole for the integer sliders. Out of range is an
    /// error naming the range: a typed value is what the user meant, so it is never clamped.
    static func sliderValue(_ numeric: NumericParameter, _ text: String) throws -> Double {
        let range = numeric.range
        let bounds = "from \(plain(range.lowerBound)) to \(plain(range.upperBound))"
        let t = trimmed(text)
        if numeric.decimals == 0 {
            guard let whole = Int(t) else {
                throw ParameterProblem("\(numeric.label) must be a whole number \(bounds)")
            }
            guard range.contains(Double(whole)) else {
                throw ParameterProblem("\(numeric.label) must be \(bounds) (got \(whole))")
            }
            return Double(whole)
        }
        guard let value = decimalNumber(t) else {
            throw ParameterProblem("\(numeric.label) must be a number \(bounds)")
        }
        guard range.contains(value) else {
            throw ParameterProblem("\(numeric.label) must be \(bounds) (got \(t))")
        }
        return value
    }

    /// A plain decimal number (`0.7`, `-1`, `.5`, `1e-3`); not `inf`, `nan` or hex, which
    /// `Double.init` would also take.
    static func decimalNumber(_ text: String) -> Double? {
        guard !text.isEmpty, text.allSatisfy({ "0123456789.-+eE".contains($0) }),
              let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// `model`, `user`, `session_id`: one line, no control characters, outer spaces dropped.
    private static func singleLine(_ field: ParameterField, _ text: String) throws -> String {
        let value = trimmed(text)
        if value.contains(where: { $0.isNewline }) {
            throw ParameterProblem("\(field.wireName) must be one line")
        }
        if value.unicodeScalars.contains(where: isControl) {
            throw ParameterProblem("\(field.wireName) must not contain control characters")
        }
        return value
    }

    /// One item a line (`stop`: at most four); empty lines are skipped. `\n`, `\t`, `\r` and
    /// `\\` are escapes, so an item can hold a line break (`RequestField.text` writes them back).
    private static func stringList(_ field: ParameterField, _ text: String, maxItems: Int?) throws -> [String] {
        let items = lines(text).filter { !$0.isEmpty }.map(StopEscaping.unescaped)
        if let maxItems, items.count > maxItems {
            throw ParameterProblem("\(field.wireName) takes at most \(maxItems) sequences, one a line (got \(items.count))")
        }
        if let empty = items.firstIndex(where: \.isEmpty) {
            throw ParameterProblem("\(field.wireName) sequence \(empty + 1) is empty")
        }
        return items
    }

    /// Positive whole numbers, one a line (commas and spaces separate too).
    private static func positiveIntegers(_ field: ParameterField, _ text: String) throws -> [Int] {
        let words = text.split(whereSeparator: { $0 == "," || $0.isWhitespace || $0.isNewline })
        return try words.map { word in
            guard let id = Int(word), id > 0 else {
                throw ParameterProblem("\(field.wireName): \"\(word.prefix(20))\" is not a whole number greater than 0")
            }
            return id
        }
    }

    // MARK: - Text helpers

    static func isBlank(_ text: String) -> Bool {
        text.allSatisfy { $0.isWhitespace || $0.isNewline }
    }

    static func trimmed(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace || $0.isNewline }
        guard let first = text.firstIndex(where: { !isSpace($0) }),
              let last = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(text[first...last])
    }

    /// Editors end a file with a newline the user did not mean to send.
    private static func withoutTrailingNewlines(_ text: String) -> String {
        var t = Substring(text)
        while let last = t.last, last.isNewline { t.removeLast() }
        return String(t)
    }

    static func lines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }).map(String.init)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// `2`, `-2`, `0.5`, `131072`: a bound as people write it.
    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }
}
