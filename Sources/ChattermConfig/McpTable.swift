import ChatCore
import TOMLKit

/// The `[mcp.NAME]` tables (issue 23): one Model Context Protocol server each, reached by a
/// command on stdio (`command`, `args`, `env`) or by streamable HTTP (`url`,
/// `bearer_token_env`), with its approval policy, allow-list, timeout and switch. NAME prefixes
/// the server's tools on the wire (`NAME__tool`), so it is kept to what a function name allows.
enum McpTable {
    static let keys = ["command", "args", "env", "url", "bearer_token_env", "approve", "approve_tools", "tools", "timeout", "enabled"]
    static let timeoutSeconds = 1...3600

    /// Each server and each of its settings read on its own; problems go to `problems`. A
    /// server with a problem is left out (the file is refused anyway).
    static func read(_ table: TOMLTable, reader: TOMLReader, problems: ConfigProblems) -> [ToolServerConfig] {
        table.keys.sorted().compactMap { name in
            let at = ["mcp", name]
            guard let body = table[name]?.table else {
                problems.append(reader.error(at, "must be a table ([mcp.\(name)]), not \(table[name].map(reader.describe) ?? "nothing")"))
                return nil
            }
            guard ProfilesTable.isGoodName(name) else {
                problems.append(reader.error(
                    at, "server names are letters, digits, '-' and '_' (they prefix its tools' names sent to the model: NAME__tool)"))
                return nil
            }
            let before = problems.errors.count
            _ = problems.collect { try reader.rejectUnknownKeys(in: body, at: at, known: keys) }
            let transport = problems.collect { try self.transport(body, at: at, reader: reader) }
            let approval = problems.collect { () throws -> ToolApprovalPolicy? in
                guard let text = try reader.string(body, "approve", at: at) else { return nil }
                guard let policy = ToolApprovalPolicy(rawValue: text) else {
                    throw reader.error(at + ["approve"], "\(quoted(text)) is not an approval policy (use \"ask\" or \"always\")")
                }
                return policy
            }
            let autoApproved = problems.collect { try strings(body, "approve_tools", at: at, reader: reader) }
            let allowed = problems.collect { try strings(body, "tools", at: at, reader: reader) }
            let timeout = problems.collect { try reader.integer(body, "timeout", at: at, in: timeoutSeconds) }
            let enabled = problems.collect { try reader.bool(body, "enabled", at: at) }
            guard problems.errors.count == before, let transport else { return nil }
            return ToolServerConfig(
                name: name, transport: transport, approval: approval ?? .ask, autoApprovedTools: autoApproved ?? [],
                allowedTools: allowed, timeoutSeconds: timeout ?? ToolServerConfig.defaultTimeoutSeconds, enabled: enabled ?? true)
        }
    }

    /// Exactly one of `command` (with `args` and `env`) and `url` (with `bearer_token_env`).
    static func transport(_ body: TOMLTable, at: [String], reader: TOMLReader) throws -> ToolServerConfig.Transport {
        let command = try reader.string(body, "command", at: at)
        let url = try reader.string(body, "url", at: at)
        switch (command, url) {
        case (nil, nil):
            throw reader.error(at, #"needs command = "program" (a server on stdio) or url = "http://…" (streamable HTTP)"#)
        case (_?, _?):
            throw reader.error(at + ["url"], "give command or url, not both")
        case (let command?, nil):
            for key in ["bearer_token_env"] where body[key] != nil {
                throw reader.error(at + [key], "is for a server reached by url, not by command")
            }
            let arguments = try strings(body, "args", at: at, reader: reader, allowEmpty: true) ?? []
            let environment = try self.environment(body, at: at, reader: reader)
            return .stdio(command: command, arguments: arguments, environment: environment)
        case (nil, let url?):
            for key in ["args", "env"] where body[key] != nil {
                throw reader.error(at + [key], "is for a server started by command, not reached by url")
            }
            let lower = url.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
                throw reader.error(at + ["url"], "\(quoted(url)) is not an http:// or https:// URL")
            }
            let variable = try reader.string(body, "bearer_token_env", at: at)
            if let variable, !isVariableName(variable) {
                throw reader.error(at + ["bearer_token_env"], "must be an environment variable's name (letters, digits, _), not the key itself")
            }
            return .http(url: url, bearerTokenEnvironment: variable)
        }
    }

    /// `env = { NAME = "value" }`: strings under variable names.
    static func environment(_ body: TOMLTable, at: [String], reader: TOMLReader) throws -> [String: String] {
        guard let table = try reader.table(body, "env", at: at) else { return [:] }
        var environment: [String: String] = [:]
        for name in table.keys.sorted() {
            guard isVariableName(name) else {
                throw reader.error(at + ["env", name], "is not an environment variable's name (letters, digits, _)")
            }
            guard let value = table[name]?.string else {
                throw reader.error(at + ["env", name], "must be a string, not \(table[name].map(reader.describe) ?? "nothing")")
            }
            environment[name] = value
        }
        return environment
    }

    /// An array of strings (`args`, `tools`, `approve_tools`); tool names must not be empty.
    static func strings(_ body: TOMLTable, _ key: String, at: [String], reader: TOMLReader, allowEmpty: Bool = false) throws -> [String]? {
        guard let value = body[key] else { return nil }
        guard let array = value.array else { throw reader.error(at + [key], "must be an array of strings, not \(reader.describe(value))") }
        var strings: [String] = []
        for (index, item) in array.enumerated() {
            guard let text = item.string else {
                throw reader.error(at + [key], "item \(index + 1) must be a string, not \(reader.describe(item))")
            }
            if !allowEmpty && text.isEmpty { throw reader.error(at + [key], "item \(index + 1) must not be empty") }
            strings.append(text)
        }
        return strings
    }

    static func isVariableName(_ name: String) -> Bool {
        !name.isEmpty && name.first?.isNumber == false && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
}
