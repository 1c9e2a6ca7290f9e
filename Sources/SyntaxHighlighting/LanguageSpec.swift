/// What the generic scanner needs to know of a language.
struct LanguageSpec: Sendable {
    struct StringRule: Sendable {
        var opener: String
        var closer: String
        /// Whether the string may run on past the end of its line.
        var multiline: Bool
        var escapes: Bool
    }

    var keywords: Set<String> = []
    var types: Set<String> = []
    /// Identifiers starting with an upper-case letter are types (Swift, Rust, Go, TypeScript...).
    var capitalizedAreTypes = false
    var caseInsensitiveKeywords = false
    var lineComments: [String] = []
    var blockComment: (open: String, close: String)?
    var nestedComments = false
    /// Longest openers first: `"""` is tried before `"`.
    var strings: [StringRule] = []
    /// A character that starts an attribute or decorator (`@`) or a preprocessor line (`#`).
    var metaPrefix: UInt8?
    /// `#` starts a preprocessor line only where it is the first non-blank character.
    var metaPrefixLineStartOnly = false
    /// Shell: `$NAME`, `${...}` and `$1` are variables; `<<WORD` starts a here-document; `#` is a
    /// comment only at the start of a word.
    var shellRules = false
    /// Rust: `r#"..."#` raw strings and `'a` lifetimes beside `'x'` characters.
    var rustRules = false
    /// JSON: a string followed by `:` is a key.
    var keysBeforeColon = false
}
