/// What a stretch of code is, as far as colouring it goes.
public enum TokenKind: UInt8, Sendable, Hashable, CaseIterable {
    case keyword
    case type
    case string
    case number
    case comment
    /// Preprocessor lines, attributes and decorators, shell variables, YAML keys' markers, diff
    /// file headers and hunk lines, Rust lifetimes.
    case meta
    case added
    case removed
}

/// A coloured stretch of one line, in UTF-8 byte offsets of that line. Bytes not covered by a
/// token are plain.
public struct Token: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var kind: TokenKind

    public init(start: Int, end: Int, kind: TokenKind) {
        self.start = start
        self.end = end
        self.kind = kind
    }
}

/// What one line leaves open for the next: the reason a code block is lexed line by line in
/// order, and why a line already coloured never needs lexing again.
public enum LexerState: Sendable, Hashable {
    case normal
    /// Inside a block comment; `depth` counts nesting where the language nests them.
    case blockComment(depth: Int)
    /// Inside a string that may span lines, closed by `closer`.
    case string(closer: String, escapes: Bool)
    /// Inside a shell here-document, ended by a line that is `terminator` (tabs first when
    /// `stripTabs`, as `<<-` allows).
    case heredoc(terminator: String, stripTabs: Bool)
    /// Inside a YAML block scalar (`|` or `>`): lines indented more than `parentIndent` belong
    /// to it.
    case blockScalar(parentIndent: Int)
}
