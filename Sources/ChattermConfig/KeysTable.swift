import ChatCore
import TOMLKit

/// The `[keys]` table: command names to a key or a list of keys, flat (`send = "ctrl+s"`, every
/// context that has `send`) or per context (`[keys.field-editor]`). Unlike the rest of the
/// file, a wrong entry does not stop chatterm: it is reported with file, line and key, and its
/// command keeps its default keys (docs/keys.md, "Rebinding").
enum KeysTable {
    static func read(_ table: TOMLTable, reader: TOMLReader) -> (Keymap, [String]) {
        var overrides: [KeyOverride] = []
        var problems: [(line: Int?, text: String)] = []
        func entry(_ name: String, _ value: TOMLValueConvertible, context: String?) {
            let path = ["keys"] + (context.map { [$0] } ?? []) + [name]
            let line = reader.lines.line(of: path)
            if let text = value.string {
                overrides.append(KeyOverride(command: name, context: context, keys: [text], line: line))
            } else if let array = value.array {
                let texts = array.compactMap { $0.string }
                guard texts.count == array.count else {
                    problems.append((line, reader.error(path, "a list of keys holds strings only (\"ctrl+s\")").description))
                    return
                }
                overrides.append(KeyOverride(command: name, context: context, keys: texts, line: line))
            } else {
                problems.append((line, reader.error(path, "must be a key (\"ctrl+s\") or a list of keys, not \(reader.describe(value))").description))
            }
        }
        for name in table.keys.sorted() {
            guard let value = table[name] else { continue }
            if let contextTable = value.table {
                for command in contextTable.keys.sorted() {
                    if let inner = contextTable[command] { entry(command, inner, context: name) }
                }
            } else {
                entry(name, value, context: nil)
            }
        }
        // Entries in the order they were written, so problems read top to bottom.
        overrides.sort { ($0.line ?? .max) < ($1.line ?? .max) }
        let (keymap, keymapProblems) = Keymap.defaults.applying(overrides)
        problems += keymapProblems.map { problem in
            (problem.line, ConfigError(path: reader.path, line: problem.line, key: problem.configKey, problem: problem.message).description)
        }
        // As the file reads, top to bottom (a stable sort keeps one line's problems in order).
        let ordered = problems.enumerated().sorted { ($0.element.line ?? .max, $0.offset) < ($1.element.line ?? .max, $1.offset) }
        return (keymap, ordered.map(\.element.text))
    }
}
