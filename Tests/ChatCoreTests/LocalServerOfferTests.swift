import XCTest
@testable import ChatCore
import StreamProtocol

/// The welcome screen's Alt+L: the bundled local server starts for this run and requests go
/// to it; without a welcome (a set-up run) the key does nothing.
final class LocalServerOfferTests: XCTestCase {
    private func firstRun() throws -> AppState {
        let settings = try LaunchSettings.resolve(LaunchOptions(), environment: [:], welcoming: true)
        var state = AppState(profile: settings.profile)
        state.launch.setupGaps = settings.setupGaps
        return state
    }

    private let local = Profile(
        name: "local server", baseURL: "http://127.0.0.1:4242", dialect: .prem, projectID: 1, defaultModel: "local-echo")

    func testAltLStartsTheServerOnceAndItsProfileIsUsed() throws {
        var state = try firstRun()
        XCTAssertEqual(press(&state, .alt("l")), [.startLocalServer])
        XCTAssertEqual(state.status.notice, "Starting the local server…")
        XCTAssertEqual(press(&state, .alt("l")), [], "a second press waits for the first")
        XCTAssertEqual(reduce(&state, .localServerStarted(local)), [.useLocalServer(local)])
        XCTAssertEqual(state.launch.profile, local)
        XCTAssertEqual(state.launch.setupGaps, [], "nothing is missing any more: the welcome goes")
        XCTAssertNil(requestProblem(state))
        state.composer.input = TextInput(text: "hi")  // as typed (TestStore.type asserts typing)
        let effects = reduce(&state, .keyPressed(.enter, stamp(1000, "S1")))
        XCTAssertTrue(effects.contains { if case .startStream = $0 { return true } else { return false } }, "\(effects)")
    }

    func testAFailureSaysWhyAndKeepsTheWelcome() throws {
        let start = try firstRun()
        let store = TestStore(start)
        store.send(.keyPressed(.alt("l"), stamp(0)), effects: [.startLocalServer]) {
            $0.launch.localServerStarting = true
            $0.status.notice = "Starting the local server…"
        }
        store.send(.localServerFailed("chatterm-server is not installed beside chatterm.")) {  // the welcome's gaps stay
            $0.launch.localServerStarting = false
            $0.status.notice = "The local server did not start: chatterm-server is not installed beside chatterm."
        }
        store.inspect { XCTAssertEqual($0.launch.setupGaps.count, 2) }
        store.send(.keyPressed(.alt("l"), stamp(0)), effects: [.startLocalServer]) {  // it can be asked again
            $0.launch.localServerStarting = true
            $0.status.notice = "Starting the local server…"
        }
    }

    func testASetUpRunIgnoresTheKey() {
        TestStore(AppState(profile: premProfile)).send(.keyPressed(.alt("l"), stamp(0)))  // nothing starts, nothing changes
    }
}
