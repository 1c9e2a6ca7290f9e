import ChatCore
import StreamProtocol
import TOMLKit

/// The `[defaults]` table: request fields a new session starts with, and what "reset to
/// defaults" restores. Its keys come from the field table (each row's `config` key: the wire
/// name; `repositories` is a sub-table, or dotted keys such as `repositories.limit = 5`). Values
/// are checked against the same ranges the parameters pane uses and rejected, not clamped, when
/// outside them.
enum DefaultsTable {
    /// The rows `[defaults]` takes, each with its key path (`["repositories", "limit"]`).
    static let rows: [(field: RequestField, path: [String])] = RequestField.all.compactMap { field in
        field.config.key.map { (field, $0.split(separator: ".").map(String.init)) }
    }

    /// The keys of `[defaults]` itself (a sub-table once), in the pane's order.
    static let keys: [String] = rows.reduce(into: []) { keys, row in
        if let first = row.path.first, !keys.contains(first) { keys.append(first) }
    }

    /// `at`: where the table is (`defaults`, or `profiles.NAME.defaults`), for messages. Each
    /// field is read on its own; the problems go to `problems`.
    static func read(
        _ table: TOMLTable, reader: TOMLReader, at: [String] = ["defaults"], problems: ConfigProblems
    ) -> SessionParameters {
        _ = problems.collect { try reader.rejectUnknownKeys(in: table, at: at, known: keys, hint: misplacedKeyHint) }
        var p = SessionParameters()
        // A sub-table is read (and its unknown keys refused) once, where its first row is.
        var subTables: [String: TOMLTable?] = [:]
        for (field, path) in rows {
            guard let key = path.last else { continue }
            var holder = table
            var holderPath = at
            if path.count == 2 {
                let name = path[0]
                if subTables[name] == nil {
                    let sub = problems.collect { try reader.table(table, name, at: at) }
                    if let sub {
                        let known = rows.filter { $0.path.count == 2 && $0.path[0] == name }.map { $0.path[1] }
                        _ = problems.collect { try reader.rejectUnknownKeys(in: sub, at: at + [name], known: known) }
                    }
                    subTables[name] = .some(sub)
                }
                guard let sub = subTables[name] ?? nil else { continue }
                holder = sub
                holderPath = at + [name]
            }
            let at = holderPath
            _ = problems.collect { () -> Bool? in
                try readValue(field, key: key, holder, reader, at, into: &p)
                return true
            }
        }
        return p
    }

    /// One field's value, by its kind and storage.
    private static func readValue(
        _ field: RequestField, key: String, _ table: TOMLTable, _ reader: TOMLReader, _ at: [String],
        into p: inout SessionParameters
    ) throws {
        switch (field.kind, field.storage) {
        case let (.slider(numeric), .number(path)):
            p[keyPath: path] = try reader.number(table, key, at: at, in: numeric.range)
        case let (.slider(numeric), .integer(path)):
            let range = Int(numeric.range.lowerBound)...Int(numeric.range.upperBound)
            p[keyPath: path] = try reader.integer(table, key, at: at, in: range)
        case let (.integer(minimum), .integer(path)):
            p[keyPath: path] = try reader.integer(table, key, at: at, in: minimum == Int.min ? nil : minimum...Int.max)
        case let (.text, .text(path)), let (.multilineText, .text(path)):
            p[keyPath: path] = try reader.string(table, key, at: at)
        case let (.json, .text(path)):
            p[keyPath: path] = try JSONFields.read(table, field, key: key, at: at, reader: reader)
        case let (.list(maxItems), .strings(path)):
            p[keyPath: path] = try strings(table, key, reader, at, maxItems: maxItems)
        case let (.list, .integers(path)):
            p[keyPath: path] = try positiveIntegers(table, key, reader, at)
        default:
            throw reader.error(at + [key], "cannot be set in the config file")
        }
    }

    /// Fields set elsewhere say where (their rows' hints); `messages` and `stream` are not settings.
    static func misplacedKeyHint(_ key: String) -> String? {
        if key == "messages" || key == "stream" {
            return "is not a setting: chatterm sends the conversation and always streams"
        }
        for field in RequestField.all {
            if case let .elsewhere(hint) = field.config, field.id == key { return hint }
        }
        return nil
    }

    /// One string, or an array of one to `maxItems` non-empty strings (`stop`).
    private static func strings(
        _ table: TOMLTable, _ key: String, _ reader: TOMLReader, _ at: [String], maxItems: Int?
    ) throws -> [String]? {
        guard let value = table[key] else { return nil }
        let path = at + [key]
        let items: [String]
        if let one = value.string {
            items = [one]
        } else if let array = value.array {
            var strings: [String] = []
            for item in array {
                guard let text = item.string else { throw reader.error(path, "every \(key) sequence must be a string") }
                strings.append(text)
            }
            items = strings
        } else {
            throw reader.error(path, "must be a string or an array of strings, not \(reader.describe(value))")
        }
        let most = maxItems ?? Int.max
        guard (1...most).contains(items.count) else {
            throw reader.error(path, "must have 1 to \(most) sequences, not \(items.count)")
        }
        guard !items.contains(where: \.isEmpty) else { throw reader.error(path, "a \(key) sequence must not be empty") }
        return items
    }

    /// An array of positive whole numbers (`repositories.ids`).
    private static func positiveIntegers(_ table: TOMLTable, _ key: String, _ reader: TOMLReader, _ at: [String]) throws -> [Int]? {
        guard let value = table[key] else { return nil }
        let path = at + [key]
        guard let array = value.array else { throw reader.error(path, "must be an array of repository ids, e.g. [12, 34]") }
        var ids: [Int] = []
        for item in array {
            guard let id = item.int, id > 0 else { throw reader.error(path, "every repository id must be a positive whole number") }
            ids.append(id)
        }
        guard !ids.isEmpty else { throw reader.error(path, "must list at least one repository id (leave the key out instead)") }
        return ids
    }
}
