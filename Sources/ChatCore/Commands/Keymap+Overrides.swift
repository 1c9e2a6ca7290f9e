/// One line of config.toml's `[keys]` table, as written: `send = "ctrl+s"` (every context that
/// has `send`), or inside `[keys.field-editor]` (that context only). Keys are a string or a
/// list; an empty list unbinds the command.
public struct KeyOverride: Sendable, Equatable {
    public var command: String
    public var context: String?
    public var keys: [String]
    /// Where it was written, for problems.
    public var line: Int?

    public init(command: String, context: String? = nil, keys: [String], line: Int? = nil) {
        self.command = command
        self.context = context
        self.keys = keys
        self.line = line
    }

    /// The dotted key as config messages name it: `keys.send`, `keys.field-editor.accept`.
    public var configKey: String {
        (["keys"] + (context.map { [$0] } ?? []) + [command]).joined(separator: ".")
    }
}

/// Something wrong with a `[keys]` entry. The entry is left out (its command keeps its default
/// keys) and the rest still apply; `warning` problems (a binding that hides another) keep the
/// entry, since the user may mean it.
public struct KeymapProblem: Error, Sendable, Equatable {
    public var line: Int?
    public var configKey: String
    public var message: String
    public var isWarning: Bool

    public init(line: Int?, configKey: String, message: String, isWarning: Bool = false) {
        self.line = line
        self.configKey = configKey
        self.message = message
        self.isWarning = isWarning
    }
}

extension Keymap {
    /// The keymap with `overrides` applied, and what was wrong with them. A key the user gives
    /// a command is taken from the default command that had it in the same context (that is
    /// what rebinding means); two user entries that claim one key in one context are both
    /// refused, so neither silently wins.
    public func applying(_ overrides: [KeyOverride]) -> (Keymap, [KeymapProblem]) {
        var problems: [KeymapProblem] = []
        var valid: [(override: KeyOverride, targets: [KeyContext], command: Command, keys: [Key])] = []
        for override in overrides {
            switch resolve(override) {
            case let .success(resolved): valid.append((override, resolved.contexts, resolved.command, resolved.keys))
            case let .failure(problem): problems.append(problem)
            }
        }

        // Per (context, command): the keys the user asked for. A context-specific entry beats a
        // flat one for its context, whatever the order in the file.
        func assignments(_ entries: [(override: KeyOverride, targets: [KeyContext], command: Command, keys: [Key])])
            -> [KeyContext: [Command: (keys: [Key], index: Int)]] {
            var result: [KeyContext: [Command: (keys: [Key], index: Int)]] = [:]
            for specific in [false, true] {
                for (index, entry) in entries.enumerated() where (entry.override.context != nil) == specific {
                    for context in entry.targets { result[context, default: [:]][entry.command] = (entry.keys, index) }
                }
            }
            return result
        }

        // Two user entries claiming one key in one context: both are refused.
        var refused = Set<Int>()
        // A clash in several contexts (a command bound in two) is one problem.
        var reported = Set<[Int]>()
        let contextOrder = KeyContext.allCases
        for (context, commands) in assignments(valid).sorted(by: {
            (contextOrder.firstIndex(of: $0.key) ?? 0) < (contextOrder.firstIndex(of: $1.key) ?? 0)
        }) {
            var owner: [Key: (Command, Int)] = [:]
            for (command, assigned) in commands.sorted(by: { $0.value.index < $1.value.index }) {
                for key in assigned.keys {
                    if let (other, otherIndex) = owner[key], other != command {
                        refused.insert(otherIndex)
                        refused.insert(assigned.index)
                        guard reported.insert([otherIndex, assigned.index]).inserted else { continue }
                        problems.append(KeymapProblem(
                            line: valid[assigned.index].override.line, configKey: valid[assigned.index].override.configKey,
                            message: "\(KeyName.configName(key)) is also given to \(other.rawValue) in \(context.title.lowercased()) "
                                + "(line \(valid[otherIndex].override.line.map(String.init) ?? "?")); both keep their defaults"))
                    } else {
                        owner[key] = (command, assigned.index)
                    }
                }
            }
        }
        let kept = valid.enumerated().filter { !refused.contains($0.offset) }.map(\.element)
        var userSet = assignments(kept).mapValues { $0.mapValues(\.keys) }
        for follower in DefaultKeymap.followers where userSet[follower.context]?[follower.command] == nil {
            if let leaderKeys = userSet[follower.leader.0]?[follower.leader.1] {
                userSet[follower.context, default: [:]][follower.command] = leaderKeys
            }
        }

        var table = self.table
        for (context, commands) in userSet {
            let claimed = Set(commands.values.flatMap { $0 })
            table[context] = table[context]?.map { binding in
                var binding = binding
                if let keys = commands[binding.command] {
                    binding.keys = keys
                } else {
                    binding.keys.removeAll { claimed.contains($0) }
                }
                return binding
            }
        }
        let keymap = Keymap(table: table)
        problems += keymap.leftWithoutKeys(comparedTo: self, userSet: userSet, entries: kept.map(\.override))
        problems += keymap.hiddenBindings(userSet: userSet, entries: kept.map(\.override))
        return (keymap, problems)
    }

    private func resolve(_ override: KeyOverride) -> Result<(contexts: [KeyContext], command: Command, keys: [Key]), KeymapProblem> {
        func problem(_ message: String) -> KeymapProblem {
            KeymapProblem(line: override.line, configKey: override.configKey, message: message)
        }
        // The context first: in `[keys.nosuch]` every command would otherwise be "unknown",
        // blaming the lines for what the table's name got wrong.
        let namedContext: KeyContext?
        if let name = override.context {
            guard let context = KeyContext(rawValue: name) else {
                let suggestion = Self.closestContext(to: name).map { "did you mean \($0.rawValue)? " } ?? ""
                return .failure(problem("unknown context \(name.debugDescription) (\(suggestion)contexts: "
                    + KeyContext.allCases.map(\.rawValue).joined(separator: ", ") + ")"))
            }
            namedContext = context
        } else {
            namedContext = nil
        }
        guard let command = Command(rawValue: override.command) else {
            let suggestion = Self.closestCommand(to: override.command).map { " (did you mean \($0.rawValue)?)" } ?? ""
            return .failure(problem("unknown command \(override.command.debugDescription)\(suggestion); "
                + "docs/keys.md and `chatterm keys` list every command"))
        }
        var contexts = contexts(of: command)
        if let name = override.context, let context = namedContext {
            guard contexts.contains(context) else {
                return .failure(problem("\(command.rawValue) is not a command of \(name) (it is in: "
                    + contexts.map(\.rawValue).joined(separator: ", ") + ")"))
            }
            contexts = [context]
        }
        var keys: [Key] = []
        for text in override.keys {
            switch KeyName.parse(text) {
            case let .success(key): if !keys.contains(key) { keys.append(key) }
            case let .failure(why): return .failure(problem(why.message))
            }
        }
        return .success((contexts, command, keys))
    }

    /// Default commands that lost every key to the user's entries: reachable only from the
    /// palette now, which the user should know.
    private func leftWithoutKeys(comparedTo defaults: Keymap, userSet: [KeyContext: [Command: [Key]]], entries: [KeyOverride])
        -> [KeymapProblem] {
        var problems: [KeymapProblem] = []
        for context in KeyContext.allCases {
            for binding in bindings(in: context) where binding.keys.isEmpty && userSet[context]?[binding.command] == nil {
                let lost = defaults.keys(for: binding.command, in: context)
                guard !lost.isEmpty else { continue }
                let taker = entries.first { entry in
                    userSet[context]?.contains { $0.key.rawValue == entry.command && !Set($0.value).isDisjoint(with: lost) } ?? false
                }
                problems.append(KeymapProblem(
                    line: taker?.line, configKey: taker?.configKey ?? "keys",
                    message: "\(binding.command.rawValue) has no key left in \(context.title.lowercased()) "
                        + "(\(lost.map(KeyName.configName).joined(separator: ", ")) went elsewhere); the palette (Ctrl+K) still runs it",
                    isWarning: true))
            }
        }
        return problems
    }

    /// A user key that an earlier context in some stack already claims never reaches its command
    /// there (a message-box key hides a global one while typing).
    private func hiddenBindings(userSet: [KeyContext: [Command: [Key]]], entries: [KeyOverride]) -> [KeymapProblem] {
        var problems: [KeymapProblem] = []
        var reported = Set<String>()
        for stack in KeyContext.allStacks {
            for (position, context) in stack.enumerated() {
                for (command, keys) in userSet[context] ?? [:] {
                    for key in keys {
                        for earlier in stack[..<position] {
                            guard let other = self.command(for: key, in: earlier), other != command,
                                  !DefaultKeymap.passingOn.contains(other) else { continue }
                            let id = "\(command.rawValue) \(KeyName.configName(key)) \(earlier.rawValue)"
                            guard reported.insert(id).inserted else { continue }
                            let entry = entries.first { $0.command == command.rawValue }
                            problems.append(KeymapProblem(
                                line: entry?.line, configKey: entry?.configKey ?? "keys",
                                message: "\(KeyName.configName(key)) runs \(other.rawValue) in \(earlier.title.lowercased()), "
                                    + "so it does not reach \(command.rawValue) there",
                                isWarning: true))
                        }
                    }
                }
            }
        }
        return problems
    }

    /// The command whose name is fewest edits away, when it is close enough to be a typo.
    static func closestCommand(to name: String) -> Command? {
        ClosestName.among(Command.allCases.map(\.rawValue), to: name).flatMap(Command.init(rawValue:))
    }

    /// The key context whose name is fewest edits away (`[keys.inspektor]`), when close enough.
    static func closestContext(to name: String) -> KeyContext? {
        ClosestName.among(KeyContext.allCases.map(\.rawValue), to: name).flatMap(KeyContext.init(rawValue:))
    }
}
