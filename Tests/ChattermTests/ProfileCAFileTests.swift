import ChatCore
import XCTest
@testable import chatterm

/// A profile to switch to whose `ca_file` cannot be read is listed with the reason (switching
/// says why not), never used with the system's CAs instead.
final class ProfileCAFileTests: XCTestCase {
    func testAProfileWhoseCAFileIsMissingIsListedWithTheReason() throws {
        var file = ConfigFileSettings(path: "/c/config.toml", projectID: 1)
        var gateway = ConfigProfile(name: "gateway", baseURL: "https://127.0.0.1:9/v1")
        gateway.caFile = "/nonexistent/ca.pem"
        file.profiles = [gateway, ConfigProfile(name: "plain", baseURL: "http://127.0.0.1:9")]
        let environment = ["PREMAI_API_KEY": "k"]
        let current = try LaunchSettings.resolve(LaunchOptions(profile: "plain"), file: file, environment: environment)
        let resolved = ProfileChoices.resolve(file: file, environment: environment, current: current)
        let choice = try XCTUnwrap(resolved.choices.first { $0.name == "gateway" })
        XCTAssertNil(choice.profile)
        XCTAssertEqual(choice.problem,
                       "profiles.gateway.ca_file in /c/config.toml: cannot read CA file /nonexistent/ca.pem: no such file or directory.")
        XCTAssertTrue(resolved.others.isEmpty, "no endpoint is made for it")
    }
}
