import ChatCore
import TOMLKit

/// The `[keys]` table: command names to a key or a list of keys, flat (`send = "ctrl+s"`, every
/// context that has `send`) or per context (`[keys.field-editor]`). Unlike the rest of the
/// file, a wrong entry does not stop chatterm: it is reported with file, line and key, and its
/// command keeps its default keys (docs/keys.md, "Rebinding").
enum KeysTable {
    /// The keymap, the problems (entries left out, their commands keep their defaults) and the
    /// warnings (entries kept, with something the user should know), each as the file reads.
    static func read(_ table: TOMLTable, reader: TOMLReader) -> (keymap: Keymap, problems: [String], warnings: [String]) {
        var overrides: [KeyOverride] = []
        var problems: [(line: Int?, text: String)] = []
        var warnings: [(line: Int?, text: String)] = []
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
        // A warning keeps its entry, so it must not read as a problem (which says "defaults kept").
        for problem in keymapProblems {
            let text = ConfigError(path: reader.path, line: problem.line, key: problem.configKey, problem: problem.message).description
            if problem.isWarning {
                warnings.append((problem.line, text))
            } else {
                problems.append((problem.line, text))
            }
        }
        return (keymap, inFileOrder(problems), inFileOrder(warnings))
    }

    /// As the file reads, top to bottom (a stable sort keeps one line's messages in order).
    private static func inFileOrder(_ messages: [(line: Int?, text: String)]) -> [String] {
        messages.enumerated()
            .sorted { ($0.element.line ?? .max, $0.offset) < ($1.element.line ?? .max, $1.offset) }
            .map(\.element.text)
    }
}
