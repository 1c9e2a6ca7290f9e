/// The languages chatterm colours, and the fence labels that name each.
enum LanguageCatalog {
    static func lexer(for label: String) -> (name: String, lexer: Highlighter.Lexer)? {
        let key = label.lowercased()
        guard let name = aliases[key] else { return nil }
        switch name {
        case "diff": return (name, .diff)
        case "yaml": return (name, .yaml)
        default:
            guard let spec = specs[name] else { return nil }
            return (name, .generic(spec))
        }
    }

    static let aliases: [String: String] = {
        var table: [String: String] = [:]
        let groups: [String: [String]] = [
            "swift": ["swift"],
            "python": ["python", "py", "python3", "py3", "gyp"],
            "javascript": ["javascript", "js", "jsx", "mjs", "cjs", "node"],
            "typescript": ["typescript", "ts", "tsx", "mts"],
            "go": ["go", "golang"],
            "rust": ["rust", "rs"],
            "c": ["c", "h"],
            "cpp": ["cpp", "c++", "cc", "cxx", "hpp", "hh", "objc", "objective-c"],
            "shell": ["sh", "bash", "zsh", "shell", "console", "shellsession", "ksh", "fish"],
            "json": ["json", "jsonc", "json5", "jsonl", "ndjson"],
            "yaml": ["yaml", "yml"],
            "sql": ["sql", "sqlite", "postgres", "postgresql", "mysql", "plsql"],
            "diff": ["diff", "patch", "udiff"],
        ]
        for (name, labels) in groups {
            for label in labels { table[label] = name }
        }
        return table
    }()

    private static func words(_ text: String) -> Set<String> {
        Set(text.split(separator: " ").map(String.init))
    }

    private static let cStrings: [LanguageSpec.StringRule] = [
        .init(opener: "\"", closer: "\"", multiline: false, escapes: true),
        .init(opener: "'", closer: "'", multiline: false, escapes: true),
    ]

    static let specs: [String: LanguageSpec] = {
        var table: [String: LanguageSpec] = [:]

        var swift = LanguageSpec()
        swift.keywords = words("""
            associatedtype class deinit enum extension fileprivate func import init inout internal let open operator \
            private precedencegroup protocol public rethrows static struct subscript typealias var break case catch \
            continue default defer do else fallthrough for guard if in repeat return throw switch where while as \
            is try await async throws some any nil true false self Self super mutating nonmutating override final \
            lazy weak unowned convenience required dynamic indirect actor nonisolated isolated consume borrowing \
            consuming sending package macro get set willSet didSet
            """)
        swift.capitalizedAreTypes = true
        swift.lineComments = ["//"]
        swift.blockComment = ("/*", "*/")
        swift.nestedComments = true
        swift.strings = [
            .init(opener: "#\"\"\"", closer: "\"\"\"#", multiline: true, escapes: false),
            .init(opener: "\"\"\"", closer: "\"\"\"", multiline: true, escapes: true),
            .init(opener: "#\"", closer: "\"#", multiline: false, escapes: false),
            .init(opener: "\"", closer: "\"", multiline: false, escapes: true),
        ]
        swift.metaPrefix = UInt8(ascii: "@")
        table["swift"] = swift

        var python = LanguageSpec()
        python.keywords = words("""
            False None True and as assert async await break class continue def del elif else except finally for \
            from global if import in is lambda nonlocal not or pass raise return try while with yield match case self
            """)
        python.types = words("int float str bytes bool list dict set tuple object type Exception")
        python.lineComments = ["#"]
        python.strings = [
            .init(opener: "\"\"\"", closer: "\"\"\"", multiline: true, escapes: true),
            .init(opener: "'''", closer: "'''", multiline: true, escapes: true),
            .init(opener: "\"", closer: "\"", multiline: false, escapes: true),
            .init(opener: "'", closer: "'", multiline: false, escapes: true),
        ]
        python.metaPrefix = UInt8(ascii: "@")
        table["python"] = python

        var javascript = LanguageSpec()
        javascript.keywords = words("""
            break case catch class const continue debugger default delete do else export extends finally for \
            function if import in instanceof let new return super switch this throw try typeof var void while with \
            yield async await of static get set null undefined true false from as
            """)
        javascript.lineComments = ["//"]
        javascript.blockComment = ("/*", "*/")
        javascript.strings = cStrings + [.init(opener: "`", closer: "`", multiline: true, escapes: true)]
        javascript.metaPrefix = UInt8(ascii: "@")
        table["javascript"] = javascript

        var typescript = javascript
        typescript.keywords.formUnion(words("""
            interface type enum implements namespace declare abstract private protected public readonly keyof \
            infer is satisfies asserts unique module
            """))
        typescript.types = words("string number boolean any unknown never void object bigint symbol")
        typescript.capitalizedAreTypes = true
        table["typescript"] = typescript

        var go = LanguageSpec()
        go.keywords = words("""
            break case chan const continue default defer else fallthrough for func go goto if import interface map \
            package range return select struct switch type var nil true false iota
            """)
        go.types = words("""
            bool byte complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune string uint uint8 \
            uint16 uint32 uint64 uintptr any
            """)
        go.capitalizedAreTypes = true
        go.lineComments = ["//"]
        go.blockComment = ("/*", "*/")
        go.strings = cStrings + [.init(opener: "`", closer: "`", multiline: true, escapes: false)]
        table["go"] = go

        var rust = LanguageSpec()
        rust.keywords = words("""
            as async await break const continue crate dyn else enum extern false fn for if impl in let loop match \
            mod move mut pub ref return self Self static struct super trait true type unsafe use where while macro_rules
            """)
        rust.types = words("i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize f32 f64 bool char str")
        rust.capitalizedAreTypes = true
        rust.lineComments = ["//"]
        rust.blockComment = ("/*", "*/")
        rust.nestedComments = true
        rust.strings = [.init(opener: "\"", closer: "\"", multiline: true, escapes: true),
                        .init(opener: "'", closer: "'", multiline: false, escapes: true)]
        rust.rustRules = true
        rust.metaPrefix = UInt8(ascii: "#")
        table["rust"] = rust

        var c = LanguageSpec()
        c.keywords = words("""
            auto break case const continue default do else enum extern for goto if inline register restrict return \
            sizeof static struct switch typedef union volatile while NULL true false
            """)
        c.types = words("""
            char double float int long short signed unsigned void bool size_t ssize_t int8_t int16_t int32_t \
            int64_t uint8_t uint16_t uint32_t uint64_t FILE
            """)
        c.lineComments = ["//"]
        c.blockComment = ("/*", "*/")
        c.strings = cStrings
        c.metaPrefix = UInt8(ascii: "#")
        c.metaPrefixLineStartOnly = true
        table["c"] = c

        var cpp = c
        cpp.keywords.formUnion(words("""
            class namespace template typename public private protected virtual override final new delete this \
            throw try catch using operator friend constexpr noexcept nullptr static_cast dynamic_cast \
            reinterpret_cast const_cast auto decltype explicit mutable co_await co_return co_yield concept requires
            """))
        cpp.types.formUnion(words("std string vector map wchar_t char8_t char16_t char32_t"))
        table["cpp"] = cpp

        var shell = LanguageSpec()
        shell.keywords = words("""
            if then else elif fi for while until do done case esac in function return export local readonly \
            declare unset shift exit break continue source alias set trap eval exec select time
            """)
        shell.lineComments = ["#"]
        shell.strings = [.init(opener: "\"", closer: "\"", multiline: true, escapes: true),
                         .init(opener: "'", closer: "'", multiline: true, escapes: false)]
        shell.shellRules = true
        table["shell"] = shell

        var json = LanguageSpec()
        json.keywords = words("true false null")
        json.strings = [.init(opener: "\"", closer: "\"", multiline: false, escapes: true)]
        json.keysBeforeColon = true
        json.lineComments = ["//"]
        json.blockComment = ("/*", "*/")
        table["json"] = json

        var sql = LanguageSpec()
        sql.keywords = words("""
            select from where and or not insert into values update set delete create table index view drop alter \
            add column primary key foreign references join inner left right outer full cross on group by order \
            having limit offset as distinct union all exists in is null like between case when then else end \
            with recursive returning default unique check constraint begin commit rollback transaction if asc desc \
            true false count sum avg min max coalesce
            """)
        sql.types = words("int integer bigint smallint text varchar char boolean real double float numeric decimal date timestamp blob serial uuid json jsonb")
        sql.caseInsensitiveKeywords = true
        sql.lineComments = ["--"]
        sql.blockComment = ("/*", "*/")
        sql.strings = [.init(opener: "'", closer: "'", multiline: true, escapes: false),
                       .init(opener: "\"", closer: "\"", multiline: false, escapes: false)]
        table["sql"] = sql

        return table
    }()
}
