/// What `x` in the sessions pane writes: the conversation shown, as Markdown, or chatterm's
/// JSON archive (every field and version). The file name always ends with the format's
/// extension, so what a name says is what the file holds.
public enum ExportFormat: String, Sendable, Equatable, CaseIterable {
    case markdown
    case json

    public var fileExtension: String {
        switch self {
        case .markdown: return "md"
        case .json: return "json"
        }
    }

    public var title: String {
        switch self {
        case .markdown: return "Markdown"
        case .json: return "JSON (every field and version)"
        }
    }

    /// The format a name's own extension asks for (`.json`; `.md` or `.markdown`), if any.
    public static func named(by path: String) -> ExportFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".json") { return .json }
        if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { return .markdown }
        return nil
    }

    public var next: ExportFormat { self == .markdown ? .json : .markdown }

    /// `path` with this format's extension: kept when it has it, swapped when it has the other
    /// format's, added otherwise ("notes" → "notes.md", "notes.txt" → "notes.txt.md").
    public func applied(to path: String) -> String {
        switch Self.named(by: path) {
        case self?:
            return path
        case _?:
            let dot = path.lastIndex(of: ".") ?? path.endIndex
            return String(path[..<dot]) + "." + fileExtension
        case nil:
            return path + "." + fileExtension
        }
    }
}
