/// The keymap written out for people: the help overlay's rows, `chatterm keys`, and the
/// generated part of docs/keys.md. Made from a `Keymap`, so what they say is what keys do,
/// including the user's `[keys]`.
public enum KeymapDocument {
    public struct Row: Sendable, Equatable {
        public var keys: String
        public var text: String
        public var isHeading: Bool
    }

    /// Contexts in the order a newcomer needs them.
    public static let order: [KeyContext] = [
        .global, .app, .message, .text, .conversation, .conversationSearch, .codeBlock, .confirm, .sessions, .sessionSearch, .sessionRename, .parameters, .fieldEditor,
        .modelPicker, .presets, .presetName, .compareSetup, .compare, .inspector, .toolApproval, .tools, .help, .palette,
    ]

    /// "Ctrl+J, Alt+Enter"; a command with no key says how it is still reached.
    public static func keysText(_ keys: [Key]) -> String {
        keys.isEmpty ? "(palette only)" : keys.map(KeyName.display).joined(separator: ", ")
    }

    /// The help overlay: a heading per context, then one row per command; `first` (where the
    /// user is) leads, so the keys that matter now are on the first screen.
    public static func helpRows(_ keymap: Keymap, first: [KeyContext] = []) -> [Row] {
        (first + order.filter { !first.contains($0) }).flatMap { context -> [Row] in
            [Row(keys: "", text: context.title, isHeading: true)]
                + keymap.bindings(in: context).map { Row(keys: keysText($0.keys), text: $0.command.summary(in: context), isHeading: false) }
        }
    }

    /// One Markdown table per context: keys, command name (for `[keys]`), what it does.
    public static func markdown(_ keymap: Keymap) -> String {
        var out: [String] = []
        for context in order {
            out.append("### \(context.title) (`\(context.rawValue)`)")
            out.append("")
            out.append("| keys | command | what it does |")
            out.append("|---|---|---|")
            for binding in keymap.bindings(in: context) {
                let keys = binding.keys.isEmpty ? "—" : binding.keys.map { "`\(KeyName.configName($0))`" }.joined(separator: ", ")
                out.append("| \(keys) | `\(binding.command.rawValue)` | \(escapedCell(binding.command.summary(in: context))) |")
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    private static func escapedCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
