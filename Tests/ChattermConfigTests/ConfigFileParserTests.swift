import ChatCore
import ChattermConfig
import StreamProtocol
import XCTest

final class ConfigFileParserTests: XCTestCase {
    let path = "/home/u/.config/chatterm/config.toml"

    func parse(_ text: String, permissions: UInt32 = 0o600) throws -> ConfigFileSettings {
        try ConfigFileParser.parse(text: text, path: path, permissions: permissions, homeDirectory: "/home/u")
    }

    /// The error's text for `text`, failing the test if it parses.
    func problem(_ text: String, permissions: UInt32 = 0o600, file: StaticString = #filePath, line: UInt = #line) -> ConfigError? {
        do {
            let settings = try parse(text, permissions: permissions)
            XCTFail("parsed: \(settings)", file: file, line: line)
            return nil
        } catch let error as ConfigError {
            return error
        } catch {
            XCTFail("not a ConfigError: \(error)", file: file, line: line)
            return nil
        }
    }

    func testEmptyFileSetsNothing() throws {
        XCTAssertEqual(try parse(""), ConfigFileSettings(path: path))
        XCTAssertEqual(try parse("# only a comment\n\n[defaults]\n"), ConfigFileSettings(path: path))
    }

    func testEveryTopLevelKey() throws {
        let settings = try parse("""
            base_url = "https://api.example.com/v1"
            dialect = "openai"
            project_id = 12
            model = "gpt-4o-mini"
            theme = "light"
            database = "~/chats/work.sqlite"
            api_key = "sk-test-123"
            max_retries = 5
            connect_timeout = 2.5
            idle_notice = 20
            idle_timeout = 120
            """)
        XCTAssertEqual(settings, ConfigFileSettings(
            path: path, baseURL: "https://api.example.com/v1", dialect: .openai, projectID: 12, model: "gpt-4o-mini",
            theme: "light", databasePath: "/home/u/chats/work.sqlite", maxRetries: 5, connectTimeoutSeconds: 2.5,
            idleNoticeSeconds: 20, idleTimeoutSeconds: 120, apiKey: "sk-test-123"))
    }

    func testEveryDefaultsField() throws {
        let settings = try parse(#"""
            [defaults]
            system_prompt = """
            You are terse.
            temperature = 99 is not a key here"""
            temperature = 0.7
            top_p = 1
            max_tokens = 2048
            frequency_penalty = -0.5
            presence_penalty = 0.25
            seed = 42
            stop = ["END", "\n\n"]
            user = "me"
            logit_bias = { "50256" = -100, "15496" = 5 }
            response_format = '{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object"}}}'
            tools = [{ type = "function", function = { name = "now", parameters = { type = "object" } } }]
            repositories.ids = [3, 1]
            repositories.limit = 5
            repositories.similarity_threshold = 0.35
            """#)
        XCTAssertEqual(settings.defaults, SessionParameters(
            systemPrompt: "You are terse.\ntemperature = 99 is not a key here", temperature: 0.7, topP: 1, maxTokens: 2048,
            frequencyPenalty: -0.5, presencePenalty: 0.25, seed: 42, stop: ["END", "\n\n"], user: "me",
            logitBias: #"{"15496":5,"50256":-100}"#,
            responseFormat: #"{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object"}}}"#,
            tools: #"[{"function":{"name":"now","parameters":{"type":"object"}},"type":"function"}]"#,
            repositoryIDs: [3, 1], repositoryLimit: 5, similarityThreshold: 0.35))
    }

    func testRepositoriesAsATableAndJSONAsStringsAndStopAsOneString() throws {
        let settings = try parse(#"""
            [defaults]
            stop = "###"
            logit_bias = '{"2": 1.5, "1": -1}'
            tools = '[{"type":"function","function":{"name":"f"}}]'
            response_format = { type = "json_object" }

            [defaults.repositories]
            ids = [7]
            """#)
        XCTAssertEqual(settings.defaults.stop, ["###"])
        XCTAssertEqual(settings.defaults.logitBias, #"{"2":1.5,"1":-1}"#, "a JSON string keeps its key order")
        XCTAssertEqual(settings.defaults.tools, #"[{"type":"function","function":{"name":"f"}}]"#)
        XCTAssertEqual(settings.defaults.responseFormat, #"{"type":"json_object"}"#)
        XCTAssertEqual(settings.defaults.repositoryIDs, [7])
        XCTAssertNil(settings.defaults.repositoryLimit)
    }

    func testRelativePathsAreBesideTheFileAndBuiltInThemesAreNames() throws {
        let settings = try parse("""
            theme = "themes/dusk.toml"
            database = "history.sqlite"
            """)
        XCTAssertEqual(settings.theme, "/home/u/.config/chatterm/themes/dusk.toml")
        XCTAssertEqual(settings.databasePath, "/home/u/.config/chatterm/history.sqlite")
        XCTAssertEqual(try parse(#"theme = "mono""#).theme, "mono")
        XCTAssertEqual(try parse(#"theme = "/abs/t.toml""#).theme, "/abs/t.toml")
        XCTAssertEqual(ConfigPaths.resolve("~", besides: path, homeDirectory: "/h"), "/h")
        XCTAssertEqual(ConfigPaths.resolve("~/x", besides: "config.toml", homeDirectory: nil), "~/x")
        XCTAssertEqual(ConfigPaths.resolve("x", besides: "config.toml", homeDirectory: nil), "x")
    }

    func testDefaultLocation() {
        XCTAssertEqual(ConfigPaths.defaultPath(environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/h"]), "/cfg/chatterm/config.toml")
        XCTAssertEqual(ConfigPaths.defaultPath(environment: ["XDG_CONFIG_HOME": "rel", "HOME": "/h/"]), "/h/.config/chatterm/config.toml")
        XCTAssertEqual(ConfigPaths.defaultPath(environment: ["HOME": "/h"]), "/h/.config/chatterm/config.toml")
        XCTAssertNil(ConfigPaths.defaultPath(environment: [:]))
    }

    // MARK: - Errors name the file, the line and the key

    /// `ca_file` at the top level and in a profile, relative to the config file; the profile's
    /// replaces the top level's only for that profile, and the flag wins over both.
    func testCAFileIsAPathBesideTheConfigFileAndPerProfile() throws {
        let settings = try parse("ca_file = \"certs/company.pem\"\n[profiles.lab]\nca_file = \"~/lab-ca.pem\"\n[profiles.plain]\nmodel = \"m\"\n")
        XCTAssertEqual(settings.caFile, "/home/u/.config/chatterm/certs/company.pem")
        XCTAssertEqual(settings.profiles.map(\.caFile), ["/home/u/lab-ca.pem", nil])
        let environment = ["PREMAI_API_KEY": "test-key"]
        func resolved(_ profile: String?, flag: String? = nil) throws -> LaunchSettings {
            var options = LaunchOptions(projectID: 1, profile: profile)
            options.caFile = flag
            return try LaunchSettings.resolve(options, file: settings, environment: environment)
        }
        XCTAssertEqual(try resolved("lab").caFile, "/home/u/lab-ca.pem")
        XCTAssertEqual(try resolved("lab").caFileOrigin, "profiles.lab.ca_file in \(path)")
        XCTAssertEqual(try resolved("plain").caFile, "/home/u/.config/chatterm/certs/company.pem")
        XCTAssertEqual(try resolved(nil).caFileOrigin, "ca_file in \(path)")
        XCTAssertEqual(try resolved("lab", flag: "/x.pem").caFile, "/x.pem")
        XCTAssertEqual(try resolved("lab", flag: "/x.pem").caFileOrigin, "--ca-file")
        XCTAssertEqual(try XCTUnwrap(problem("ca_file = 3")).problem, "must be a string, not an integer")
    }

    func testClipboardMethod() throws {
        XCTAssertEqual(try parse("[clipboard]\nmethod = \"xsel\"\n").clipboardMethod, .xsel)
        XCTAssertNil(try parse("").clipboardMethod)
        let error = try XCTUnwrap(problem("[clipboard]\nmethod = \"clippy\"\n"))
        XCTAssertEqual(error.line, 2)
        XCTAssertTrue(error.description.contains(#""clippy" is not a clipboard method"#), error.description)
    }

    func testDisplayTable() throws {
        let settings = try parse("[display]\nmarkdown = false\nuser_markdown = true\n")
        XCTAssertEqual(settings.markdownReplies, false)
        XCTAssertEqual(settings.markdownUserMessages, true)
        XCTAssertNil(try parse("").markdownReplies)
        let error = try XCTUnwrap(problem("[display]\nmarkdwn = true\n"))
        XCTAssertTrue(error.description.contains("markdwn"), error.description)
    }

    func testSyntaxErrorHasLineAndColumn() throws {
        let error = try XCTUnwrap(problem("model = \"a\"\ntemperature = = 1\n"))
        XCTAssertEqual(error.line, 2)
        XCTAssertNotNil(error.column)
        XCTAssertTrue(error.description.hasPrefix("config file \(path), line 2, column "), error.description)
        XCTAssertTrue(error.description.contains("TOML syntax error"), error.description)
    }

    func testWrongTypesAndRanges() throws {
        let cases: [(text: String, line: Int?, key: String, fragment: String)] = [
            ("\n\nproject_id = \"12\"", 3, "project_id", "must be a whole number, not a string"),
            ("project_id = 0", 1, "project_id", "0 is out of range (1 to"),
            ("dialect = \"anthropic\"", 1, "dialect", #""anthropic" is not a dialect (use "prem" or "openai")"#),
            ("base_url = \"ftp://x\"", 1, "base_url", "is not an http:// or https:// URL"),
            ("model = \"\"", 1, "model", "must not be empty"),
            ("max_retries = 11", 1, "max_retries", "11 is out of range (0 to 10)"),
            ("connect_timeout = 0", 1, "connect_timeout", "out of range (0.1 to 300)"),
            ("idle_notice = 1.5", 1, "idle_notice", "must be a whole number, not a float"),
            ("idle_timeout = -1", 1, "idle_timeout", "-1 is out of range (1 to 86400)"),
            ("[defaults]\n\ntemperature = 2.5", 3, "defaults.temperature", "2.5 is out of range (0 to 2)"),
            ("[defaults]\ntop_p = \"high\"", 2, "defaults.top_p", "must be a number, not a string"),
            ("[defaults]\nmax_tokens = 0", 2, "defaults.max_tokens", "0 is out of range (1 to 131072)"),
            ("[defaults]\nmax_tokens = 10.5", 2, "defaults.max_tokens", "must be a whole number"),
            ("[defaults]\nstop = [\"a\",\"b\",\"c\",\"d\",\"e\"]", 2, "defaults.stop", "1 to 4 sequences, not 5"),
            ("[defaults]\nstop = []", 2, "defaults.stop", "1 to 4 sequences, not 0"),
            ("[defaults]\nstop = [1]", 2, "defaults.stop", "every stop sequence must be a string"),
            ("[defaults]\nstop = [\"\"]", 2, "defaults.stop", "must not be empty"),
            ("[defaults]\nlogit_bias = { abc = 1 }", 2, "defaults.logit_bias", #"logit_bias keys are token ids (digits); "abc" is not"#),
            ("[defaults]\nlogit_bias = { \"1\" = 101 }", 2, "defaults.logit_bias", "from -100 to 100"),
            ("[defaults]\nlogit_bias = '{\"1\":1,\"1\":2}'", 2, "defaults.logit_bias", "logit_bias has token 1 twice"),
            ("[defaults]\nlogit_bias = \"{not json\"", 2, "defaults.logit_bias", "is not valid JSON"),
            ("[defaults]\nresponse_format = { type = \"xml\" }", 2, "defaults.response_format", #"needs "type": "text", "json_object" or "json_schema""#),
            ("[defaults]\nresponse_format = { type = \"json_schema\" }", 2, "defaults.response_format", "needs a \"json_schema\" object"),
            ("[defaults]\ntools = []", 2, "defaults.tools", "tools needs at least one tool"),
            ("[defaults]\ntools = [{ type = \"function\" }]", 2, "defaults.tools", #"tools[0] needs a "function" object"#),
            ("[defaults]\ntools = [{ type = \"retrieval\" }]", 2, "defaults.tools", #"tools[0] needs "type": "function""#),
            ("[defaults]\ntools = [{ when = 1979-05-27 }]", 2, "defaults.tools", "date or time"),
            ("[defaults]\nrepositories = 3", 2, "defaults.repositories", "must be a table, not an integer"),
            ("[defaults]\nrepositories.ids = [0]", 2, "defaults.repositories.ids", "positive whole number"),
            ("[defaults]\nrepositories.ids = []", 2, "defaults.repositories.ids", "at least one"),
            ("[defaults.repositories]\nlimit = 101", 2, "defaults.repositories.limit", "101 is out of range (1 to 100)"),
            ("[defaults.repositories]\nsimilarity_threshold = 1.5", 2, "defaults.repositories.similarity_threshold", "out of range (0 to 1)"),
            ("[defaults]\nrepositories = { limit = 3, top = 1 }", 2, "defaults.repositories.top", "unknown key"),
            ("defaults = 3", 1, "defaults", "must be a table"),
        ]
        for item in cases {
            guard let error = problem(item.text) else { continue }
            XCTAssertEqual(error.key, item.key, item.text)
            XCTAssertEqual(error.line, item.line, item.text)
            XCTAssertEqual(error.path, path)
            XCTAssertTrue(error.problem.contains(item.fragment), "\(item.text) → \(error.problem)")
        }
    }

    func testATopLevelTypoSaysWhichKeyItMeant() throws {
        XCTAssertEqual(try XCTUnwrap(problem("modle = \"x\"")).description, "config file \(path), line 1: modle: unknown key (did you mean model?)")
        XCTAssertEqual(try XCTUnwrap(problem("[profiles.w]\nbase_ulr = \"x\"")).problem, "unknown key (did you mean base_url?)")
        XCTAssertEqual(try XCTUnwrap(problem("[display]\nmarkdwn = true")).problem, "unknown key (did you mean markdown?)")
    }

    func testEveryUnknownKeyOfATableIsListedNotTheFirst() throws {
        let text = "modle = \"x\"\nthme = \"mono\"\nzzzzzzzz = 1\n"
        XCTAssertEqual(ConfigFileParser.check(text: text, path: path, permissions: 0o600, homeDirectory: nil), [
            "config file \(path), line 1: modle: unknown key (did you mean model?)",
            "config file \(path), line 2: thme: unknown key (did you mean theme?)",
            "config file \(path), line 3: zzzzzzzz: unknown key (known keys here: base_url, dialect, "
                + "project_id, model, theme, database, api_key, max_retries, connect_timeout, idle_notice, idle_timeout, defaults, keys, "
                + "ask, profiles, display, clipboard, mouse, default_profile, api_key_command, ca_file, mcp, max_tool_rounds)",
        ])
    }

    func testUnknownAndMisplacedKeysAreExplained() throws {
        let typo = try XCTUnwrap(problem("zzzzzzzz = \"x\""))
        XCTAssertEqual(typo.description, "config file \(path), line 1: zzzzzzzz: unknown key (known keys here: base_url, dialect, "
            + "project_id, model, theme, database, api_key, max_retries, connect_timeout, idle_notice, idle_timeout, defaults, keys, ask, profiles, display, clipboard, mouse, default_profile, api_key_command, ca_file, mcp, max_tool_rounds)")
        let topLevelField = try XCTUnwrap(problem("model = \"m\"\ntemperature = 0.5"))
        XCTAssertEqual(topLevelField.line, 2)
        XCTAssertEqual(topLevelField.problem, "request fields go in the [defaults] table")
        let inDefaults = try XCTUnwrap(problem("[defaults]\nmodel = \"m\""))
        XCTAssertEqual(inDefaults.key, "defaults.model")
        XCTAssertTrue(inDefaults.problem.contains("top level"), inDefaults.problem)
        XCTAssertTrue(try XCTUnwrap(problem("[defaults]\nsession_id = \"s\"")).problem.contains("each session sends its own id"))
        XCTAssertTrue(try XCTUnwrap(problem("[defaults]\nproject_id = 3")).problem.contains("--project-id"))
        XCTAssertTrue(try XCTUnwrap(problem("[defaults]\nstream = false")).problem.contains("always streams"))
    }

    // MARK: - The API key

    func testKeyIsRefusedFromAFileOthersCanRead() throws {
        for mode: UInt32 in [0o644, 0o640, 0o604, 0o660] {
            let error = try XCTUnwrap(problem("model = \"m\"\napi_key = \"sk-secret-value\"", permissions: mode))
            XCTAssertEqual(error.key, "api_key")
            XCTAssertEqual(error.line, 2)
            XCTAssertTrue(error.problem.contains("chmod 600 \(path)"), error.problem)
            XCTAssertTrue(error.problem.contains("(mode 0\(String(mode, radix: 8)))"), error.problem)
            XCTAssertFalse(error.description.contains("sk-secret-value"))
        }
        // Owner-only (and owner-read-only) files are fine; so is a readable file without a key.
        XCTAssertEqual(try parse("api_key = \"k\"", permissions: 0o400).apiKey, "k")
        XCTAssertEqual(try parse("api_key = \"k\"", permissions: 0o700).apiKey, "k")
        XCTAssertEqual(try parse("model = \"m\"", permissions: 0o644).model, "m")
    }

    func testTheKeyIsNeverInAMessageOrADescription() throws {
        let secret = "sk-live-abcdef123456"
        let texts = [
            "api_key = \"\(secret)",  // unterminated string: a syntax error on the key's line
            "api_key = \"\(secret)\" x",
            "api_key = '\(secret)\n",
            "api_key = [\"\(secret)\"]",
            "api_key = \"\(secret) \"",
            "api_key = \"\(secret)\"\ntemperature = 3",
        ]
        for text in texts {
            guard let error = problem(text) else { continue }
            XCTAssertFalse(error.description.contains(secret), error.description)
            XCTAssertFalse(error.description.contains("abcdef"), error.description)
        }
        let settings = try parse("api_key = \"\(secret)\"")
        XCTAssertFalse("\(settings)".contains(secret))
        XCTAssertFalse(String(reflecting: settings).contains(secret))
        XCTAssertTrue("\(settings)".contains("<redacted>"))
    }

    func testKeyWithSpacesOrControlCharactersIsRefused() throws {
        for text in ["api_key = \"a b\"", "api_key = \"a\\nb\"", "api_key = \"\"", "api_key = \"ключ\""] {
            let error = try XCTUnwrap(problem(text))
            XCTAssertEqual(error.key, "api_key", text)
        }
    }
}
