import ChatCore
import TOMLKit

/// Typed access to one parsed file, turning every wrong type or missing value into a
/// `ConfigError` that names the file, the line and the dotted key.
struct TOMLReader {
    let path: String
    let lines: TOMLKeyLines

    func error(_ keyPath: [String], _ problem: String) -> ConfigError {
        ConfigError(path: path, line: lines.line(of: keyPath), key: keyPath.joined(separator: "."), problem: problem)
    }

    /// Refuses keys that are not in `known`, so a typo is reported instead of silently ignored:
    /// every one of them (`ConfigErrors` when there are several), each with the known key it
    /// is likely a typo of ("did you mean model?", as `[keys]` says of commands), else the
    /// known keys. `hint` may explain a key that is known to be misplaced.
    func rejectUnknownKeys(
        in table: TOMLTable, at keyPath: [String], known: [String], hint: (String) -> String? = { _ in nil }
    ) throws {
        let problems = table.keys.sorted().filter { !known.contains($0) }.map { key in
            let problem = hint(key)
                ?? ClosestName.among(known, to: key).map { "unknown key (did you mean \($0)?)" }
                ?? "unknown key (known keys here: \(known.joined(separator: ", ")))"
            return error(keyPath + [key], problem)
        }
        if problems.count == 1 { throw problems[0] }
        if problems.count > 1 { throw ConfigErrors(problems) }
    }

    func string(_ table: TOMLTable, _ key: String, at keyPath: [String], allowEmpty: Bool = false) throws -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else { throw error(keyPath + [key], "must be a string, not \(describe(value))") }
        if !allowEmpty && text.isEmpty { throw error(keyPath + [key], "must not be empty (leave the key out instead)") }
        return text
    }

    func integer(_ table: TOMLTable, _ key: String, at keyPath: [String], in range: ClosedRange<Int>? = nil) throws -> Int? {
        guard let value = table[key] else { return nil }
        guard let number = value.int else {
            throw error(keyPath + [key], "must be a whole number, not \(describe(value))")
        }
        if let range, !range.contains(number) {
            throw error(keyPath + [key], "\(number) is out of range (\(range.lowerBound) to \(range.upperBound))")
        }
        return number
    }

    func bool(_ table: TOMLTable, _ key: String, at keyPath: [String]) throws -> Bool? {
        guard let value = table[key] else { return nil }
        guard let flag = value.bool else { throw error(keyPath + [key], "must be true or false, not \(describe(value))") }
        return flag
    }

    /// An integer or a float (TOML writes `1` and `1.0` differently; both mean one).
    func number(_ table: TOMLTable, _ key: String, at keyPath: [String], in range: ClosedRange<Double>? = nil) throws -> Double? {
        guard let value = table[key] else { return nil }
        guard let number = value.double ?? value.int.map(Double.init), number.isFinite else {
            throw error(keyPath + [key], "must be a number, not \(describe(value))")
        }
        if let range, !range.contains(number) {
            throw error(keyPath + [key], "\(format(number)) is out of range (\(format(range.lowerBound)) to \(format(range.upperBound)))")
        }
        return number
    }

    func table(_ parent: TOMLTable, _ key: String, at keyPath: [String]) throws -> TOMLTable? {
        guard let value = parent[key] else { return nil }
        guard let table = value.table else { throw error(keyPath + [key], "must be a table, not \(describe(value))") }
        return table
    }

    /// What a value is, for "must be X, not Y" (never the value itself: it may be a key).
    func describe(_ value: TOMLValueConvertible) -> String {
        switch value.type {
        case .int: return "an integer"
        case .double: return "a float"
        case .string: return "a string"
        case .bool: return "true/false"
        case .array: return "an array"
        case .table: return "a table"
        case .date, .time, .dateTime: return "a date or time"
        }
    }

    func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}
