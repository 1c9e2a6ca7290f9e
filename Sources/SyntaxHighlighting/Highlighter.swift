/// Colours code one line at a time. Chosen by a fence's language label through
/// `LanguageCatalog`; unknown labels get no highlighter (the code shows plain).
public struct Highlighter: Sendable {
    public let language: String
    let lexer: Lexer

    enum Lexer: Sendable {
        case generic(LanguageSpec)
        case diff
        case yaml
    }

    /// The highlighter for a fence label (`swift`, `py`, `ts`, `sh`, `c++`, `yml`, ...), or nil.
    public init?(label: String) {
        guard let (name, lexer) = LanguageCatalog.lexer(for: label) else { return nil }
        self.language = name
        self.lexer = lexer
    }

    /// The tokens of `line` (no line end in it), given the state the previous line left, which
    /// is updated for the next.
    public func tokens(in line: String, state: inout LexerState) -> [Token] {
        let bytes = Array(line.utf8)
        switch lexer {
        case .generic(let spec):
            var scanner = GenericScanner(spec: spec, bytes: bytes)
            return scanner.run(state: &state)
        case .diff:
            return DiffLexer.tokens(bytes)
        case .yaml:
            return YAMLLexer.tokens(bytes, state: &state)
        }
    }

    /// Every line's tokens, in order, from the normal state.
    public func tokens(inLines lines: [String]) -> [[Token]] {
        var state = LexerState.normal
        return lines.map { tokens(in: $0, state: &state) }
    }
}
