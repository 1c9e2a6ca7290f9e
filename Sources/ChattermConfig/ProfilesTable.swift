import ChatCore
import StreamProtocol
import TOMLKit

/// The `[profiles.NAME]` tables: endpoints to choose from with `--profile NAME` or
/// `default_profile`. Each may set what the top level sets for where requests go (base_url,
/// dialect, project_id, model), a theme, the variable its key is in (`api_key_env`) and a
/// `[profiles.NAME.defaults]` table. A key itself is never accepted in a profile.
enum ProfilesTable {
    static let keys = ["base_url", "dialect", "project_id", "model", "theme", "api_key_env", "api_key_command", "ca_file", "defaults"]

    /// Each profile and each of its settings read on its own; the problems go to `problems`.
    static func read(
        _ table: TOMLTable, reader: TOMLReader, besides path: String, homeDirectory: String?, problems: ConfigProblems
    ) -> [ConfigProfile] {
        table.keys.sorted().compactMap { name in
            let at = ["profiles", name]
            guard let body = table[name]?.table else {
                problems.append(reader.error(
                    at, "must be a table ([profiles.\(name)]), not \(table[name].map(reader.describe) ?? "nothing")"))
                return nil
            }
            guard isGoodName(name) else {
                problems.append(reader.error(at, "profile names are letters, digits, '-' and '_' (they are typed after --profile)"))
                return nil
            }
            _ = problems.collect {
                try reader.rejectUnknownKeys(in: body, at: at, known: keys) { key in
                    switch key {
                    case "api_key": return #"a profile never holds a key: export it and name the variable with api_key_env = "VAR""#
                    default: return DefaultsTable.keys.contains(key) ? "request fields go in [profiles.\(name).defaults]" : nil
                    }
                }
            }
            var profile = ConfigProfile(name: name)
            profile.baseURL = problems.collect { try ConfigFileParser.baseURL(body, at: at, reader: reader) }
            profile.dialect = problems.collect { try ConfigFileParser.dialect(body, at: at, reader: reader) }
            profile.projectID = problems.collect { try reader.integer(body, "project_id", at: at, in: 1...Int.max) }
            profile.model = problems.collect { try reader.string(body, "model", at: at) }
            profile.theme = problems.collect {
                try ConfigFileParser.theme(body, at: at, reader: reader, besides: path, homeDirectory: homeDirectory)
            }
            profile.apiKeyVariable = problems.collect { () throws -> String? in
                guard let variable = try reader.string(body, "api_key_env", at: at) else { return nil }
                guard variable.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }), variable.first?.isNumber == false else {
                    throw reader.error(at + ["api_key_env"], "must be an environment variable's name (letters, digits, _)")
                }
                return variable
            }
            profile.apiKeyCommand = problems.collect { try ConfigFileParser.keyCommand(body, at: at, reader: reader) }
            profile.caFile = problems.collect {
                try ConfigFileParser.caFile(body, at: at, reader: reader, besides: path, homeDirectory: homeDirectory)
            }
            if let defaults = problems.collect({ try reader.table(body, "defaults", at: at) }) {
                profile.defaults = DefaultsTable.read(defaults, reader: reader, at: at + ["defaults"], problems: problems)
            }
            return profile
        }
    }

    static func isGoodName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
