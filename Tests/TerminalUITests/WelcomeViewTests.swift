import ChatCore
import SnapshotTesting
import StreamProtocol
import XCTest
@testable import TerminalUI

/// The first run's welcome screen in the empty conversation: every missing thing at once with
/// its fixes, and the local server to try; gone once there is a message, and an entry goes
/// when Parameters fixes it.
final class WelcomeViewTests: XCTestCase {
    private func firstRun(width: Int = 100, height: Int = 30) throws -> AppState {
        let settings = try LaunchSettings.resolve(LaunchOptions(), environment: [:], welcoming: true)
        var state = AppState(profile: settings.profile, terminalWidth: width, terminalHeight: height)
        state.launch.setupGaps = settings.setupGaps
        return state
    }

    private func text(_ state: AppState) -> String {
        ScreenRenderer().render(state).textLines().joined(separator: "\n")
    }

    func testTheWelcomeListsEverythingMissingWithItsFixes() throws {
        let state = try firstRun()
        let screen = text(state)
        assertSnapshot(of: screen, as: .lines, named: "100x30")
        XCTAssertTrue(screen.contains("PREMAI_API_KEY is not set"))
        XCTAssertTrue(screen.contains("No project id"))
        XCTAssertTrue(screen.contains("chatterm-server --port 8080"))
        XCTAssertFalse(screen.contains("No messages yet"))
    }

    func testAProjectIDSetInParametersDropsItsEntry() throws {
        var state = try firstRun()
        state.parameters.projectID = 4
        let screen = text(state)
        XCTAssertTrue(screen.contains("PREMAI_API_KEY is not set"))
        XCTAssertFalse(screen.contains("No project id"), screen)
    }

    func testAMessageReplacesTheWelcome() throws {
        var state = try firstRun()
        state.conversation.messages = [Message(id: "u", role: .user, content: "hello", createdAtMillis: 0)]
        XCTAssertFalse(text(state).contains("Welcome to chatterm"))
    }

    func testNothingMissingShowsTheUsualHint() {
        let state = AppState(profile: ScreenFixtures.premProfile, terminalWidth: 100, terminalHeight: 30)
        XCTAssertTrue(text(state).contains("No messages yet"))
        XCTAssertFalse(text(state).contains("Welcome to chatterm"))
    }
}
