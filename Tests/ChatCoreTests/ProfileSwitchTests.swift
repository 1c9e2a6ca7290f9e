import XCTest
@testable import ChatCore
import StreamProtocol

/// `switch-profile` (Alt+P) cycles the usable profiles; the open session remembers the one it
/// was last used with and opening it goes back to that one.
final class ProfileSwitchTests: XCTestCase {
    let local = premProfile
    let work = Profile(name: "work", baseURL: "https://work.example", dialect: .openai, projectID: nil, defaultModel: "w-model")

    func state() -> AppState {
        var state = AppState(profile: premProfile)
        state.launch.profileChoices = [
            ProfileChoice(name: "local", profile: premProfile),
            ProfileChoice(name: "broken", profile: nil, problem: "BROKEN_KEY is not set"),
            ProfileChoice(name: "work", profile: work),
        ]
        return state
    }

    func testAltPCyclesTheUsableProfilesAndTheSessionRemembers() {
        var state = state()
        XCTAssertEqual(press(&state, .alt("p")), [.useProfile(name: "work")], "no session yet: nothing to remember")
        XCTAssertEqual(state.launch.profile, work)
        XCTAssertEqual(state.status.notice, "Profile work: openai at https://work.example · w-model.")
        state.conversation.activeSessionID = "s1"
        state.conversation.activeSessionSaved = true
        XCTAssertEqual(press(&state, .alt("p")), [.useProfile(name: "local"), .saveSessionProfile(sessionID: "s1", name: "local")])
        XCTAssertEqual(state.launch.profile, local)
        // The next request goes to the profile now chosen, with its model.
        XCTAssertEqual(press(&state, .alt("p")), [.useProfile(name: "work"), .saveSessionProfile(sessionID: "s1", name: "work")])
        XCTAssertEqual(press(&state, .alt("4")), [])
        state.composer.input = TextInput(text: "hi")  // as typed (TestStore.type asserts typing)
        // The saved session holds nothing, so its history is read first (here: the message).
        let effects = apply(&state, [
            .keyPressed(.enter, stamp(10, "S2")),
            .requestHistoryLoaded(sessionID: "s1", messages: [Message(id: "S2-u", role: .user, content: "hi", createdAtMillis: 10)]),
        ])
        let sent = effects.compactMap { effect -> ChatRequest? in
            if case let .startStream(_, request) = effect { return request }
            return nil
        }
        XCTAssertEqual(sent.first?.model, "w-model")
        XCTAssertEqual(state.streaming.active?.reply.request?.url, "https://work.example/chat/completions")
    }

    func testOpeningASessionGoesBackToItsProfile() {
        var state = state()
        state.conversation.activeSessionID = "s1"
        XCTAssertEqual(reduce(&state, .sessionProfileLoaded(sessionID: "s1", name: "work")), [.useProfile(name: "work")])
        XCTAssertEqual(state.launch.profile, work)
        XCTAssertEqual(reduce(&state, .sessionProfileLoaded(sessionID: "other", name: "local")), [], "another session's answer")
        XCTAssertEqual(reduce(&state, .sessionProfileLoaded(sessionID: "s1", name: nil)), [], "none recorded: stay")
        XCTAssertEqual(reduce(&state, .sessionProfileLoaded(sessionID: "s1", name: "broken")), [])
        XCTAssertEqual(state.launch.profile, work)
        XCTAssertEqual(state.status.notice, "This session was last used with profile broken, which is not available (BROKEN_KEY is not set); "
            + "it stays on work.")
    }

    func testWithNothingToSwitchToTheNoticeSaysWhy() {
        var state = AppState(profile: premProfile)
        XCTAssertEqual(press(&state, .alt("p")), [])
        XCTAssertEqual(state.status.notice, "No other profile: add [profiles.NAME] tables to config.toml (docs/configuration.md).")
        state.launch.profileChoices = [ProfileChoice(name: "local", profile: premProfile), ProfileChoice(name: "x", profile: nil, problem: "X_KEY is not set")]
        XCTAssertEqual(press(&state, .alt("p")), [])
        XCTAssertEqual(state.status.notice, "No other usable profile: x: X_KEY is not set")
    }
}
