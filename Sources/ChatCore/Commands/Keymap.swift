/// Keys to commands, one table per context: `DefaultKeymap` with the user's `[keys]` applied.
/// The reducer asks it what a key means; help, hints, the palette and docs/keys.md ask it
/// which keys a command has. A value, kept in `AppState`, so every view of it is the same.
public struct Keymap: Sendable, Equatable {
    public struct Binding: Sendable, Equatable {
        public var command: Command
        public var keys: [Key]
    }

    /// Per context, in the order help lists them.
    private(set) var table: [KeyContext: [Binding]]
    private var lookup: [KeyContext: [Key: Command]]

    init(table: [KeyContext: [Binding]]) {
        self.table = table
        var lookup: [KeyContext: [Key: Command]] = [:]
        for (context, bindings) in table {
            var keys: [Key: Command] = [:]
            // The first binding to list a key has it (the override logic leaves no duplicates).
            for binding in bindings { for key in binding.keys where keys[key] == nil { keys[key] = binding.command } }
            lookup[context] = keys
        }
        self.lookup = lookup
    }

    /// Two keymaps are the same when their tables are: `lookup` is made from the table. (The
    /// renderer compares keymaps every frame to know whether hint lines changed.)
    public static func == (a: Keymap, b: Keymap) -> Bool { a.table == b.table }

    public static let defaults: Keymap = {
        var table: [KeyContext: [Binding]] = [:]
        for (context, bindings) in DefaultKeymap.table {
            table[context] = bindings.map { Binding(command: $0.0, keys: $0.1) }
        }
        return Keymap(table: table)
    }()

    public func command(for key: Key, in context: KeyContext) -> Command? {
        lookup[context]?[key]
    }

    /// The keys of `command` in `context`, first one the one hints show; empty when unbound.
    public func keys(for command: Command, in context: KeyContext) -> [Key] {
        table[context]?.first { $0.command == command }?.keys ?? []
    }

    /// The commands of `context` with their keys, in help order (unbound ones included).
    public func bindings(in context: KeyContext) -> [Binding] {
        table[context] ?? []
    }

    /// The contexts that have `command`, in `KeyContext` order.
    public func contexts(of command: Command) -> [KeyContext] {
        KeyContext.allCases.filter { context in table[context]?.contains { $0.command == command } ?? false }
    }

    /// The first key of `command` in the first of `contexts` that binds it, as a hint shows it.
    public func shortKey(for command: Command, in contexts: [KeyContext]) -> String? {
        for context in contexts {
            if let key = keys(for: command, in: context).first { return KeyName.short(key) }
        }
        return nil
    }

    /// The first key of `command` as help writes it ("Enter"), or the command's name when no key
    /// runs it, for sentences that tell the user what to press.
    public func displayKey(for command: Command, in contexts: [KeyContext]) -> String {
        for context in contexts {
            if let key = keys(for: command, in: context).first { return KeyName.display(key) }
        }
        return command.rawValue + " from the palette"
    }

    /// "⏎ send": a hint line item, or nil when the command has no key there (then the hint is
    /// left out rather than lying). Two commands make a pair: "←→ step".
    public func hint(_ commands: Command..., in contexts: [KeyContext], label: String? = nil) -> String? {
        let keys = commands.compactMap { shortKey(for: $0, in: contexts) }
        guard keys.count == commands.count, let first = commands.first else { return nil }
        // Arrows pair up as one glyph pair ("←→"); other keys keep a gap ("[ ]", "^P/^N").
        let arrows: Set<String> = ["←", "→", "↑", "↓"]
        let joined = keys.allSatisfy(arrows.contains) ? keys.joined()
            : keys.allSatisfy { $0.count == 1 } ? keys.joined(separator: " ") : keys.joined(separator: "/")
        return joined + " " + (label ?? first.label)
    }
}
