import XCTest
import ChatCore

/// The full-screen app's start (`welcoming`): what is missing is listed all at once for the
/// welcome screen instead of failing on the first; other commands still refuse.
final class LaunchWelcomeTests: XCTestCase {
    func testNoKeyNoProjectIDListsBothAtOnce() throws {
        let s = try LaunchSettings.resolve(LaunchOptions(), environment: [:], welcoming: true)
        XCTAssertEqual(s.setupGaps.map(\.kind), [.apiKey, .projectID])
        XCTAssertEqual(s.setupGaps.first?.problem, "PREMAI_API_KEY is not set (app.premai.io needs a key)")
        XCTAssertEqual(s.setupGaps.first?.fixes.first, "export PREMAI_API_KEY=... and start again")
        XCTAssertTrue(s.setupGaps.first?.fixes.contains { $0.contains("chatterm config example") } == true)
        XCTAssertTrue(s.setupGaps.last?.fixes.contains { $0.contains("--profile NAME") } == true)
        XCTAssertNil(s.apiKey)
        XCTAssertFalse(s.profile.hasAPIKey)
        XCTAssertNil(s.profile.projectID)
        XCTAssertFalse(s.picksModelAtStart)
    }

    func testWithoutWelcomingTheFirstMissingThingStillThrows() {
        XCTAssertThrowsError(try LaunchSettings.resolve(LaunchOptions(), environment: [:])) {
            XCTAssertTrue("\($0)".contains("PREMAI_API_KEY is not set"), "\($0)")
        }
        XCTAssertThrowsError(try LaunchSettings.resolve(LaunchOptions(), environment: ["PREMAI_API_KEY": "k"])) {
            XCTAssertTrue("\($0)".contains("--project-id"), "\($0)")
        }
    }

    func testOpenAIWithoutAModelPicksOneAtStart() throws {
        let s = try LaunchSettings.resolve(
            LaunchOptions(baseURL: "http://127.0.0.1:9/v1", dialect: .openai), environment: [:], welcoming: true)
        XCTAssertEqual(s.setupGaps, [], "a local server needs no key, and the model is picked")
        XCTAssertTrue(s.picksModelAtStart)
        XCTAssertNil(s.profile.defaultModel)
        let remote = try LaunchSettings.resolve(LaunchOptions(dialect: .openai), environment: [:], welcoming: true)
        // Without the key the server cannot list its models: the welcome lists both instead
        // of a picker that can only fail over it.
        XCTAssertEqual(remote.setupGaps.map(\.kind), [.apiKey, .model])
        XCTAssertEqual(remote.setupGaps.first?.problem, "OPENAI_API_KEY is not set (studio.premai.io needs a key)")
        XCTAssertFalse(remote.picksModelAtStart)
    }

    func testAWrongValueIsStillAnErrorWhenWelcoming() {
        XCTAssertThrowsError(try LaunchSettings.resolve(LaunchOptions(projectID: -1), environment: [:], welcoming: true))
        XCTAssertThrowsError(try LaunchSettings.resolve(LaunchOptions(baseURL: "ftp://x"), environment: [:], welcoming: true))
    }

    func testAConfigFileIsNamedInTheFixes() throws {
        let file = ConfigFileSettings(path: "/home/u/.config/chatterm/config.toml", dialect: .prem)
        let s = try LaunchSettings.resolve(LaunchOptions(), file: file, environment: [:], welcoming: true)
        XCTAssertEqual(s.setupGaps.map(\.kind), [.apiKey, .projectID])
        XCTAssertTrue(s.setupGaps[0].fixes.contains("or api_key (chmod 600) or api_key_command in /home/u/.config/chatterm/config.toml"))
        XCTAssertTrue(s.setupGaps[1].fixes.contains { $0.contains("project_id = N in /home/u/.config/chatterm/config.toml") })
    }
}
