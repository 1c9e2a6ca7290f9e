import ChatCore
import ChattermConfig
import StreamProtocol
import XCTest

final class ProfilesTableTests: XCTestCase {
    let path = "/home/u/.config/chatterm/config.toml"

    func parse(_ text: String) throws -> ConfigFileSettings {
        try ConfigFileParser.parse(text: text, path: path, permissions: 0o644, homeDirectory: "/home/u")
    }

    func problem(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            let settings = try parse(text)
            XCTFail("parsed: \(settings)", file: file, line: line)
            return ""
        } catch {
            return "\(error)"
        }
    }

    func testProfilesWithEveryKeyAndADefault() throws {
        let settings = try parse("""
            default_profile = "ollama"
            model = "top-level"

            [profiles.work]
            dialect = "prem"
            project_id = 12
            api_key_env = "PREMAI_WORK_KEY"
            theme = "themes/work.toml"
            [profiles.work.defaults]
            temperature = 0.2
            stop = "###"

            [profiles.ollama]
            base_url = "http://127.0.0.1:11434/v1"
            dialect = "openai"
            model = "llama3.2"
            """)
        XCTAssertEqual(settings.defaultProfile, "ollama")
        XCTAssertEqual(settings.profiles, [
            ConfigProfile(name: "ollama", baseURL: "http://127.0.0.1:11434/v1", dialect: .openai, model: "llama3.2"),
            ConfigProfile(
                name: "work", dialect: .prem, projectID: 12, theme: "/home/u/.config/chatterm/themes/work.toml",
                apiKeyVariable: "PREMAI_WORK_KEY", defaults: SessionParameters(temperature: 0.2, stop: ["###"])),
        ])
    }

    func testMistakesNameTheProfileKeyAndLine() {
        XCTAssertEqual(
            problem("[profiles.work]\napi_key = \"sk-1\"\n"),
            #"config file \#(path), line 2: profiles.work.api_key: a profile never holds a key: export it and name the variable with api_key_env = "VAR""#)
        XCTAssertTrue(problem("[profiles.work]\ntemperature = 0.3\n").contains("request fields go in [profiles.work.defaults]"))
        XCTAssertTrue(problem("[profiles.work]\ndialect = \"grpc\"\n").contains("line 2: profiles.work.dialect:"))
        XCTAssertTrue(problem("[profiles.work.defaults]\ntemperature = 5\n").contains("line 2: profiles.work.defaults.temperature:"))
        let variable = problem("[profiles.work]\napi_key_env = \"MY KEY\"\n")
        XCTAssertTrue(variable.contains("environment variable's name"), variable)
        let unknown = problem("default_profile = \"home\"\n[profiles.work]\n")
        XCTAssertTrue(unknown.contains(#""home" is not a [profiles.NAME] table of this file (profiles: work)"#), unknown)
        XCTAssertTrue(problem("[profiles]\nwork = 3\n").contains("must be a table"))
    }
}
