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
        XCTAssertEqual(s.databasePath, "/home/u/.local/share/chatterm/chatterm.sqlite")
        XCTAssertEqual(s.profile.name, "app.premai.io")
    }

    func testXDGDataHomeAndDbOverride() throws {
        let env = ["PREMAI_API_KEY": "k", "XDG_DATA_HOME": "/x", "HOME": "/h"]
        XCTAssertEqual(try LaunchSettings.resolve(LaunchOptions(projectID: 1), environment: env).databasePath,
                       "/x/chatterm/chatterm.sqlite")
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
}
