import ChatCore
import TOMLKit

/// The `[defaults]` table: request fields a new session starts with, and what "reset to
/// defaults" restores. Keys are the wire names; `repositories` is a sub-table (or dotted keys
/// such as `repositories.limit = 5`). Values are checked against the same ranges the
/// parameters pane uses and rejected, not clamped, when outside them.
enum DefaultsTable {
    static let keys = [
        "system_prompt", "temperature", "top_p", "max_tokens", "frequency_penalty", "presence_penalty", "seed",
        "stop", "response_format", "tools", "logit_bias", "user", "repositories",
    ]
    static let repositoryKeys = ["ids", "limit", "similarity_threshold"]

    /// `at`: where the table is (`defaults`, or `profiles.NAME.defaults`), for messages. Each
    /// field is read on its own; the problems go to `problems`.
    static func read(
        _ table: TOMLTable, reader: TOMLReader, at: [String] = ["defaults"], problems: ConfigProblems
    ) -> SessionParameters {
        _ = problems.collect { try reader.rejectUnknownKeys(in: table, at: at, known: keys, hint: misplacedKeyHint) }
        var p = SessionParameters()
        p.systemPrompt = problems.collect { try reader.string(table, "system_prompt", at: at) }
        p.temperature = problems.collect { try slider(.temperature, table, reader, at) }
        p.topP = problems.collect { try slider(.topP, table, reader, at) }
        p.frequencyPenalty = problems.collect { try slider(.frequencyPenalty, table, reader, at) }
        p.presencePenalty = problems.collect { try slider(.presencePenalty, table, reader, at) }
        p.maxTokens = problems.collect { try reader.integer(table, "max_tokens", at: at, in: 1...NumericParameter.maxTokensCap) }
        p.seed = problems.collect { try reader.integer(table, "seed", at: at) }
        p.stop = problems.collect { try stop(table, reader, at) }
        p.user = problems.collect { try reader.string(table, "user", at: at) }
        p.logitBias = problems.collect { try JSONFields.read(table, .logitBias, at: at, reader: reader) }
        p.responseFormat = problems.collect { try JSONFields.read(table, .responseFormat, at: at, reader: reader) }
        p.tools = problems.collect { try JSONFields.read(table, .tools, at: at, reader: reader) }
        if let repositories = problems.collect({ try reader.table(table, "repositories", at: at) }) {
            let at = at + ["repositories"]
            _ = problems.collect { try reader.rejectUnknownKeys(in: repositories, at: at, known: repositoryKeys) }
            p.repositoryIDs = problems.collect { try repositoryIDs(repositories, reader, at) }
            p.repositoryLimit = problems.collect {
                try reader.integer(repositories, "limit", at: at, in: 1...NumericParameter.repositoryLimitCap)
            }
            p.similarityThreshold = problems.collect {
                try reader.number(repositories, "similarity_threshold", at: at, in: NumericParameter.similarityThreshold.range)
            }
        }
        return p
    }

    /// Three request fields have their own place rather than a default.
    static func misplacedKeyHint(_ key: String) -> String? {
        switch key {
        case "model":
            return #"set the model at the top level of the file (model = "NAME") or with --model; "#
                + "it is used by every session that does not pick another"
        case "project_id":
            return "set the project id at the top level of the file (project_id = N) or with --project-id"
        case "session_id":
            return "cannot have a default: each session sends its own id (regenerate it in the parameters pane)"
        case "messages", "stream":
            return "is not a setting: chatterm sends the conversation and always streams"
        default:
            return nil
        }
    }

    private static func slider(
        _ parameter: NumericParameter, _ table: TOMLTable, _ reader: TOMLReader, _ at: [String]
    ) throws -> Double? {
        try reader.number(table, parameter.rawValue, at: at, in: parameter.range)
    }

    /// One string, or an array of one to four non-empty strings.
    private static func stop(_ table: TOMLTable, _ reader: TOMLReader, _ at: [String]) throws -> [String]? {
        guard let value = table["stop"] else { return nil }
        let path = at + ["stop"]
        let items: [String]
        if let one = value.string {
            items = [one]
        } else if let array = value.array {
            var strings: [String] = []
            for item in array {
                guard let text = item.string else { throw reader.error(path, "every stop sequence must be a string") }
                strings.append(text)
            }
            items = strings
        } else {
            throw reader.error(path, "must be a string or an array of strings, not \(reader.describe(value))")
        }
        guard (1...4).contains(items.count) else {
            throw reader.error(path, "must have 1 to 4 sequences, not \(items.count)")
        }
        guard !items.contains(where: \.isEmpty) else { throw reader.error(path, "a stop sequence must not be empty") }
        return items
    }

    /// `at`: the path of the `repositories` table.
    private static func repositoryIDs(_ table: TOMLTable, _ reader: TOMLReader, _ at: [String]) throws -> [Int]? {
        guard let value = table["ids"] else { return nil }
        let path = at + ["ids"]
        guard let array = value.array else { throw reader.error(path, "must be an array of repository ids, e.g. [12, 34]") }
        var ids: [Int] = []
        for item in array {
            guard let id = item.int, id > 0 else { throw reader.error(path, "every repository id must be a positive whole number") }
            ids.append(id)
        }
        guard !ids.isEmpty else { throw reader.error(path, "must list at least one repository id (leave the key out instead)") }
        return ids
    }
}
