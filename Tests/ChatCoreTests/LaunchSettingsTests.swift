import StreamProtocol
import XCTest
import ChatCore

final class LaunchSettingsTests: XCTestCase {
    func testDefaultsForPremWithAKey() throws {
        let s = try LaunchSettings.resolve(
            LaunchOptions(projectID: 3), environment: ["PREMAI_API_KEY": "secret", "HOME": "/home/u"])
        XCTAssertEqual(s.profile.baseURL, "https://app.premai.io")
        XCTAssertEqual(s.profile.dialect, .prem)
        XCTAssertEqual(s.profile.projectID, 3)
        XCTAssertEqual(s.apiKey, "secret")
        XCTAssertNil(s.databasePath, "the store's default location (SessionStore.defaultPath)")
        XCTAssertEqual(s.profile.name, "app.premai.io")
    }

    func testDbOverride() throws {
        let env = ["PREMAI_API_KEY": "k", "XDG_DATA_HOME": "/x", "HOME": "/h"]
        XCTAssertEqual(try LaunchSettings.resolve(LaunchOptions(projectID: 1, databasePath: "/tmp/a.db"), environment: env).databasePath,
                       "/tmp/a.db")
    }

    func testMissingKeyIsAClearErrorNamingTheVariable() {
        XCTAssertThrowsError(try LaunchSettings.resolve(LaunchOptions(projectID: 1), environment: [:])) { error in
            XCTAssertTrue("\(error)".contains("PREMAI_API_KEY is not set"))
        }
        XCTAssertThrowsError(try LaunchSettings.resolve(LaunchOptions(dialect: .openai, model: "m"), environment: ["PREMAI_API_KEY": "k"])) { error in
            XCTAssertTrue("\(error)".contains("OPENAI_API_KEY"))
        }
    }

    func testLoopbackServersNeedNoKey() throws {
        for base in ["http://127.0.0.1:8080", "http://localhost:11434/v1", "http://[::1]:1/v1"] {
            let s = try LaunchSettings.resolve(LaunchOptions(baseURL: base, dialect: .openai, model: "m"), environment: [:])
            XCTAssertNil(s.apiKey)
            XCTAssertEqual(s.profile.name, "local")
        }
    }

    func testLookalikeHostsAreNotLoopback() {
        XCTAssertThrowsError(try LaunchSettings.resolve(LaunchOptions(baseURL: "https://127.example.com", projectID: 1), environment: [:]))
        XCTAssertThrowsError(try LaunchSettings.resolve(LaunchOptions(baseURL: "http://127.0.0.1.nip.io", projectID: 1), environment: [:]))
    }

    func testMissingProjectIDOrModelOrBadURL() {
        XCTAssertThrowsError(try LaunchSettings.resolve(LaunchOptions(), environment: ["PREMAI_API_KEY": "k"])) {
            XCTAssertTrue("\($0)".contains("--project-id"))
        }
        XCTAssertThrowsError(try LaunchSettings.resolve(LaunchOptions(projectID: -1), environment: ["PREMAI_API_KEY": "k"]))
        XCTAssertThrowsError(try LaunchSettings.resolve(LaunchOptions(baseURL: "http://127.0.0.1", dialect: .openai), environment: [:])) {
            XCTAssertTrue("\($0)".contains("--model"))
        }
        XCTAssertThrowsError(try LaunchSettings.resolve(LaunchOptions(baseURL: "ftp://x", projectID: 1), environment: [:])) {
            XCTAssertTrue("\($0)".contains("not an http"))
        }
    }

    func testTheKeyNeverAppearsInTheProfile() throws {
        let s = try LaunchSettings.resolve(LaunchOptions(projectID: 1), environment: ["PREMAI_API_KEY": "sk-very-secret"])
        XCTAssertFalse("\(s.profile)".contains("sk-very-secret"))
    }

    // MARK: - Retries and timeouts

    func testRetryAndTimeoutDefaults() throws {
        let s = try LaunchSettings.resolve(LaunchOptions(projectID: 1), environment: ["PREMAI_API_KEY": "k"])
        XCTAssertEqual(s.maxRetries, 3)
        XCTAssertEqual(s.connectTimeoutSeconds, 10)
        XCTAssertEqual(s.profile.idleNoticeSeconds, 15)
        XCTAssertNil(s.idleTimeoutSeconds)
        XCTAssertTrue(s.profile.hasAPIKey)
        XCTAssertEqual(s.profile.defaultParameters, SessionParameters())
    }

    func testRetryAndTimeoutFlags() throws {
        let s = try LaunchSettings.resolve(
            LaunchOptions(projectID: 1, maxRetries: 0, connectTimeoutSeconds: 2.5, idleNoticeSeconds: 5, idleTimeoutSeconds: 60),
            environment: ["PREMAI_API_KEY": "k"])
        XCTAssertEqual(s.maxRetries, 0)
        XCTAssertEqual(s.connectTimeoutSeconds, 2.5)
        XCTAssertEqual(s.profile.idleNoticeSeconds, 5)
        XCTAssertEqual(s.idleTimeoutSeconds, 60)
    }

    func testOutOfRangeFlagsNameTheFlag() {
        let env = ["PREMAI_API_KEY": "k"]
        let cases: [(LaunchOptions, String)] = [
            (LaunchOptions(projectID: 1, maxRetries: -1), "--max-retries must be between 0 and 10 retries, not -1."),
            (LaunchOptions(projectID: 1, maxRetries: 11), "--max-retries must be between 0 and 10 retries, not 11."),
            (LaunchOptions(projectID: 1, connectTimeoutSeconds: 0), "--connect-timeout must be between 0.1 and 300 seconds, not 0."),
            (LaunchOptions(projectID: 1, idleNoticeSeconds: 0), "--idle-notice must be between 1 and 3600 seconds, not 0."),
            (LaunchOptions(projectID: 1, idleTimeoutSeconds: 0.5), "--idle-timeout must be between 1 and 86400 seconds, not 0.5."),
        ]
        for (options, message) in cases {
            XCTAssertThrowsError(try LaunchSettings.resolve(options, environment: env)) { XCTAssertEqual("\($0)", message) }
        }
    }

    // MARK: - The config file

    let file = ConfigFileSettings(
        path: "/c/config.toml", baseURL: "http://127.0.0.1:9000", dialect: .openai, projectID: 5, model: "file-model",
        theme: "mono", databasePath: "/c/db.sqlite", maxRetries: 1, connectTimeoutSeconds: 3, idleNoticeSeconds: 30,
        idleTimeoutSeconds: 90, apiKey: "file-key",
        defaults: SessionParameters(temperature: 0.2, stop: ["x"], repositoryLimit: 4))

    func testTheFileFillsWhatFlagsLeaveOut() throws {
        let s = try LaunchSettings.resolve(LaunchOptions(), file: file, environment: ["HOME": "/h"])
        XCTAssertEqual(s.profile.baseURL, "http://127.0.0.1:9000")
        XCTAssertEqual(s.profile.dialect, .openai)
        XCTAssertNil(s.profile.projectID, "openai sends no project id")
        XCTAssertEqual(s.profile.defaultModel, "file-model")
        XCTAssertEqual(s.theme, "mono")
        XCTAssertEqual(s.databasePath, "/c/db.sqlite")
        XCTAssertEqual(s.maxRetries, 1)
        XCTAssertEqual(s.connectTimeoutSeconds, 3)
        XCTAssertEqual(s.profile.idleNoticeSeconds, 30)
        XCTAssertEqual(s.idleTimeoutSeconds, 90)
        XCTAssertEqual(s.apiKey, "file-key")
        XCTAssertTrue(s.profile.hasAPIKey)
        XCTAssertEqual(s.profile.defaultParameters, file.defaults)
    }

    func testFlagsOverrideTheFile() throws {
        let options = LaunchOptions(
            baseURL: "http://localhost:1", dialect: .prem, projectID: 9, model: "flag-model", databasePath: "/f.db",
            theme: "light", maxRetries: 7, connectTimeoutSeconds: 4, idleNoticeSeconds: 8, idleTimeoutSeconds: 16)
        let s = try LaunchSettings.resolve(options, file: file, environment: [:])
        XCTAssertEqual(s.profile.baseURL, "http://localhost:1")
        XCTAssertEqual(s.profile.dialect, .prem)
        XCTAssertEqual(s.profile.projectID, 9)
        XCTAssertEqual(s.profile.defaultModel, "flag-model")
        XCTAssertEqual(s.databasePath, "/f.db")
        XCTAssertEqual(s.theme, "light")
        XCTAssertEqual(s.maxRetries, 7)
        XCTAssertEqual(s.connectTimeoutSeconds, 4)
        XCTAssertEqual(s.profile.idleNoticeSeconds, 8)
        XCTAssertEqual(s.idleTimeoutSeconds, 16)
        XCTAssertEqual(s.profile.defaultParameters, file.defaults, "no flag sets request defaults")
    }

    func testTheKeyVariableOverridesTheFilesKey() throws {
        let fromEnvironment = try LaunchSettings.resolve(LaunchOptions(), file: file, environment: ["OPENAI_API_KEY": "env-key"])
        XCTAssertEqual(fromEnvironment.apiKey, "env-key")
        // The file chose openai, so PREMAI_API_KEY is not the variable that counts.
        let otherVariable = try LaunchSettings.resolve(LaunchOptions(), file: file, environment: ["PREMAI_API_KEY": "p"])
        XCTAssertEqual(otherVariable.apiKey, "file-key")
        // An empty variable counts as unset.
        XCTAssertEqual(try LaunchSettings.resolve(LaunchOptions(), file: file, environment: ["OPENAI_API_KEY": ""]).apiKey, "file-key")
    }

    func testNoKeyOnLoopbackMeansHasAPIKeyIsFalse() throws {
        var keyless = file
        keyless.apiKey = nil
        let s = try LaunchSettings.resolve(LaunchOptions(), file: keyless, environment: [:])
        XCTAssertNil(s.apiKey)
        XCTAssertFalse(s.profile.hasAPIKey)
    }

    /// The status line at start names a `[keys]` problem as one (defaults kept) and a warning as
    /// one (the binding kept): a warning never claims the defaults were kept.
    func testTheKeysNoticeCallsAWarningAWarning() throws {
        var file = ConfigFileSettings(path: "/c/config.toml", baseURL: "http://127.0.0.1", dialect: .openai, model: "m")
        file.keymapWarnings = ["W1", "W2"]
        var settings = try LaunchSettings.resolve(LaunchOptions(), file: file, environment: [:])
        XCTAssertEqual(settings.keymapWarnings, ["W1", "W2"])
        XCTAssertEqual(settings.keysNotice, "[keys] warning (+1 more warning), binding kept: W1 · run `chatterm keys` for all")
        // Each kind counted as what it is: a tester read "(+2 more)" as two more problems.
        settings.keymapProblems = ["P1"]
        XCTAssertEqual(settings.keysNotice, "[keys] problem (+2 warnings), defaults kept: P1 · run `chatterm keys` for all")
        settings.keymapProblems = ["P1", "P2", "P3"]
        XCTAssertEqual(
            settings.keysNotice, "[keys] problem (+2 more problems, 2 warnings), defaults kept: P1 · run `chatterm keys` for all")
        settings.keymapProblems = ["P1"]
        settings.keymapWarnings = []
        XCTAssertEqual(settings.keysNotice, "[keys] problem, defaults kept: P1 · run `chatterm keys` for all")
        settings.keymapProblems = []
        XCTAssertNil(settings.keysNotice)
    }

    func testMessagesPointAtTheFileWhenThereIsOne() {
        let remote = ConfigFileSettings(path: "/c/config.toml", baseURL: "https://api.example.com")
        XCTAssertThrowsError(try LaunchSettings.resolve(LaunchOptions(), file: remote, environment: [:])) {
            XCTAssertTrue("\($0)".contains("or add api_key to /c/config.toml (chmod 600 it)"), "\($0)")
        }
        XCTAssertThrowsError(try LaunchSettings.resolve(LaunchOptions(), file: remote, environment: ["PREMAI_API_KEY": "k"])) {
            XCTAssertTrue("\($0)".contains("add --project-id N or project_id = N to /c/config.toml"), "\($0)")
        }
        let openai = ConfigFileSettings(path: "/c/config.toml", baseURL: "http://127.0.0.1", dialect: .openai)
        XCTAssertThrowsError(try LaunchSettings.resolve(LaunchOptions(), file: openai, environment: [:])) {
            XCTAssertTrue("\($0)".contains(#"add --model NAME or model = "NAME" to /c/config.toml"#), "\($0)")
        }
        let badURL = ConfigFileSettings(path: "/c/config.toml", baseURL: "gopher://x")
        XCTAssertThrowsError(try LaunchSettings.resolve(LaunchOptions(projectID: 1), file: badURL, environment: [:])) {
            XCTAssertEqual("\($0)", "base_url in /c/config.toml gopher://x is not an http:// or https:// URL.")
        }
        let badRetries = ConfigFileSettings(path: "/c/config.toml", baseURL: "http://127.0.0.1", projectID: 1, maxRetries: 50)
        XCTAssertThrowsError(try LaunchSettings.resolve(LaunchOptions(), file: badRetries, environment: [:])) {
            XCTAssertEqual("\($0)", "max_retries in /c/config.toml must be between 0 and 10 retries, not 50.")
        }
    }

    func testAKeyWithSpacesIsRefusedWithoutBeingShown() {
        XCTAssertThrowsError(try LaunchSettings.resolve(LaunchOptions(projectID: 1), environment: ["PREMAI_API_KEY": "sk-abc def\n"])) {
            XCTAssertEqual("\($0)", "PREMAI_API_KEY contains a space, a control character or a non-ASCII character; check how it was exported.")
        }
    }

    func testPrintingSettingsNeverPrintsTheKey() throws {
        let s = try LaunchSettings.resolve(LaunchOptions(projectID: 1), environment: ["PREMAI_API_KEY": "sk-very-secret"])
        XCTAssertFalse("\(s)".contains("sk-very-secret"))
        XCTAssertFalse(String(reflecting: s).contains("sk-very-secret"))
        XCTAssertFalse("\(file)".contains("file-key"))
    }
}

final class LaunchProfileTests: XCTestCase {
    let file: ConfigFileSettings = {
        var file = ConfigFileSettings(path: "/c/config.toml", baseURL: "https://top.example", projectID: 1, model: "top-model")
        file.defaults = SessionParameters(temperature: 0.9)
        file.profiles = [
            ConfigProfile(name: "local", baseURL: "http://127.0.0.1:8080/v1", dialect: .openai, model: "llama"),
            ConfigProfile(name: "work", projectID: 77, apiKeyVariable: "WORK_KEY", defaults: SessionParameters(seed: 3)),
        ]
        return file
    }()

    func testTheProfileTakesThePlaceOfTheTopLevelAndFlagsOverrideIt() throws {
        let local = try LaunchSettings.resolve(LaunchOptions(profile: "local"), file: file, environment: [:])
        XCTAssertEqual(local.profile.name, "local")
        XCTAssertEqual(local.profile.baseURL, "http://127.0.0.1:8080/v1")
        XCTAssertEqual(local.profile.dialect, .openai)
        XCTAssertEqual(local.profile.defaultModel, "llama")
        XCTAssertEqual(local.profile.defaultParameters, SessionParameters(temperature: 0.9), "no [defaults] of its own: the file's")
        XCTAssertNil(local.apiKey)

        let flagged = try LaunchSettings.resolve(LaunchOptions(model: "flag-model", profile: "local"), file: file, environment: [:])
        XCTAssertEqual(flagged.profile.defaultModel, "flag-model")
        XCTAssertTrue(local.profile.isConfigured)
        let top = try LaunchSettings.resolve(LaunchOptions(), file: file, environment: ["PREMAI_API_KEY": "k"])
        XCTAssertFalse(top.profile.isConfigured, "no profile chosen: the pane says (default), not (profile)")
    }

    func testAProfilesKeyComesFromItsOwnVariable() throws {
        let work = try LaunchSettings.resolve(
            LaunchOptions(profile: "work"), file: file, environment: ["WORK_KEY": "w-secret", "PREMAI_API_KEY": "other"])
        XCTAssertEqual(work.apiKey, "w-secret")
        XCTAssertEqual(work.profile.apiKeyVariable, "WORK_KEY")
        XCTAssertEqual(work.profile.projectID, 77)
        XCTAssertEqual(work.profile.defaultParameters, SessionParameters(seed: 3))
        XCTAssertThrowsError(try LaunchSettings.resolve(LaunchOptions(profile: "work"), file: file, environment: ["PREMAI_API_KEY": "k"])) {
            XCTAssertTrue("\($0)".contains("WORK_KEY is not set"), "\($0)")
        }
    }

    func testDefaultProfileUnknownProfileAndNoFile() throws {
        var withDefault = file
        withDefault.defaultProfile = "local"
        XCTAssertEqual(try LaunchSettings.resolve(LaunchOptions(), file: withDefault, environment: [:]).profile.name, "local")
        XCTAssertThrowsError(try LaunchSettings.resolve(LaunchOptions(profile: "home"), file: file, environment: [:])) {
            XCTAssertEqual("\($0)", "--profile home: /c/config.toml has no [profiles.home] table; it defines local, work.")
        }
        XCTAssertThrowsError(try LaunchSettings.resolve(LaunchOptions(profile: "home"), environment: [:])) {
            XCTAssertTrue("\($0)".contains("there is no config file"), "\($0)")
        }
    }

    func testMessagesNameTheProfilesKey() {
        var broken = file
        broken.profiles[0].baseURL = "ftp://nope"
        XCTAssertThrowsError(try LaunchSettings.resolve(LaunchOptions(profile: "local"), file: broken, environment: [:])) {
            XCTAssertEqual("\($0)", "profiles.local.base_url in /c/config.toml ftp://nope is not an http:// or https:// URL.")
        }
    }

    /// `api_key_command`: run when the key variable is not set (never when it is), its output
    /// checked like any key; a profile with its own key source does not borrow the top level's.
    func testAKeyCommandRunsOnlyWhenTheVariableIsUnset() throws {
        var file = ConfigFileSettings(path: "/c.toml", projectID: 1)
        file.apiKeyCommand = "pass show prem"
        var ran: [String] = []
        let runner: (String) throws -> String = { command in
            ran.append(command)
            return "sk-from-pass"
        }
        let fromCommand = try LaunchSettings.resolve(LaunchOptions(), file: file, environment: [:], runKeyCommand: runner)
        XCTAssertEqual(fromCommand.apiKey, "sk-from-pass")
        XCTAssertEqual(ran, ["pass show prem"])
        let fromVariable = try LaunchSettings.resolve(
            LaunchOptions(), file: file, environment: ["PREMAI_API_KEY": "sk-env"], runKeyCommand: runner)
        XCTAssertEqual(fromVariable.apiKey, "sk-env")
        XCTAssertEqual(ran.count, 1, "not run when the variable has the key")

        XCTAssertThrowsError(try LaunchSettings.resolve(LaunchOptions(), file: file, environment: [:], runKeyCommand: { _ in "two words" })) {
            XCTAssertTrue("\($0)".hasPrefix("api_key_command in /c.toml: its first line "), "\($0)")
            XCTAssertFalse("\($0)".contains("two words"), "the key is never shown")
        }

        file.profiles = [ConfigProfile(name: "work", apiKeyVariable: "WORK_KEY"), ConfigProfile(name: "vault")]
        file.profiles[1].apiKeyCommand = "vault read -field=key prem"
        ran = []
        let vault = try LaunchSettings.resolve(LaunchOptions(profile: "vault"), file: file, environment: [:], runKeyCommand: runner)
        XCTAssertEqual(vault.apiKey, "sk-from-pass")
        XCTAssertEqual(ran, ["vault read -field=key prem"], "the profile's own command")
        XCTAssertThrowsError(try LaunchSettings.resolve(LaunchOptions(profile: "work"), file: file, environment: [:], runKeyCommand: runner)) {
            XCTAssertTrue("\($0)".contains("WORK_KEY is not set"), "\($0)")
        }
    }
}
