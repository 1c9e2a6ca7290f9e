import ChatCore
import StreamProtocol
import XCTest
@testable import TerminalUI

/// Each side pane is drawn from a small view model built from the state, and the renderer keeps
/// the pane's cells while that value is unchanged: a change to something a pane does not show
/// keeps it, a change to something it shows draws it again, and either way the frame is the
/// one a renderer drawing every pane would draw.
final class PaneModelTests: XCTestCase {
    private let stamp = Stamp(nowMillis: ScreenFixtures.t0 + 60_000, freshID: "k", random: 0)

    /// A wide screen with all four panes: sessions focused on a list longer than the pane.
    private func state() -> AppState {
        var state = ScreenFixtures.parametersState(width: 120, height: 20)
        state.sessions.list = (0..<40).map { index in
            SessionSummary(id: "s\(index)", title: "Session \(index)", createdAtMillis: ScreenFixtures.t0,
                           updatedAtMillis: ScreenFixtures.t0 - Int64(index) * 60_000)
        }
        state.conversation.activeSessionID = "s0"
        state.screen.focus = .sessions
        return state
    }

    private func sessionsModel(_ state: AppState) -> SessionsPaneModel {
        SessionsPaneModel(state, height: 17, previousFirst: 0)
    }

    // MARK: - The models

    func testSessionsModelHoldsOnlyTheRowsInViewAsShown() {
        let before = state()
        var after = before
        after.composer.input = TextInput(text: "typing")
        after.parameters.temperature = 1.5
        after.sessions.list[39].title = "Renamed out of view"
        after.status.nowMillis += 1_000  // no age shown reads differently
        XCTAssertEqual(sessionsModel(after), sessionsModel(before), "nothing the pane shows changed")

        var renamed = before
        renamed.sessions.list[3].title = "Renamed in view"
        XCTAssertNotEqual(sessionsModel(renamed), sessionsModel(before))
        var older = before
        older.status.nowMillis += 60_000  // every "Nm" shown is a minute older
        XCTAssertNotEqual(sessionsModel(older), sessionsModel(before))
        var moved = before
        moved.sessions.selectedIndex = 1
        XCTAssertNotEqual(sessionsModel(moved), sessionsModel(before))
        guard case let .list(list) = sessionsModel(before).content else { return XCTFail("the list is shown") }
        XCTAssertEqual(list.rows.count, 17, "one row per line of the pane, not one per session")
        XCTAssertEqual(list.rows[2], .init(title: "Session 2", age: "3m", isSelected: false))
    }

    func testSessionsModelWhileSearchingFollowsTheHitsAges() {
        var searching = state()
        searching.sessions.search = SessionSearch(listSelection: 0)
        searching.sessions.search?.hits = [SessionSearchHit(summary: searching.sessions.list[1], messageID: "m", snippet: "a")]
        var later = searching
        later.status.nowMillis += 1_000
        XCTAssertEqual(sessionsModel(later), sessionsModel(searching))
        later.status.nowMillis += 3_600_000
        XCTAssertNotEqual(sessionsModel(later), sessionsModel(searching), "the hit's age reads differently")
        later.screen.focus = .composer
        guard case .list = sessionsModel(later).content else { return XCTFail("unfocused, the pane shows the list") }
    }

    func testComposerModelFollowsTheDraftTitleAndPlaceholder() {
        let before = state()
        var after = before
        after.sessions.list[0].title = "Other"
        after.parameters.temperature = 1.5
        after.status.nowMillis += 600_000
        XCTAssertEqual(ComposerPaneModel(after), ComposerPaneModel(before))

        var typed = before
        typed.composer.input = TextInput(text: "x")
        XCTAssertNotEqual(ComposerPaneModel(typed), ComposerPaneModel(before))
        var answering = before
        answering.composer.toolAnswer = ToolAnswer(callID: "call_1", name: "clock")
        XCTAssertNotEqual(ComposerPaneModel(answering), ComposerPaneModel(before))
        var focused = before
        focused.screen.focus = .composer
        XCTAssertNotEqual(ComposerPaneModel(focused), ComposerPaneModel(before))
    }

    func testParametersModelFollowsTheFieldsAndTheSelection() {
        let before = state()
        var after = before
        after.composer.input = TextInput(text: "typing")
        after.sessions.list[0].title = "Other"
        after.status.nowMillis += 600_000
        XCTAssertEqual(ParametersPaneModel(after), ParametersPaneModel(before))

        var changed = before
        changed.parameters.temperature = 1.5
        XCTAssertNotEqual(ParametersPaneModel(changed), ParametersPaneModel(before))
        var selected = before
        selected.selectedField = .topP
        XCTAssertNotEqual(ParametersPaneModel(selected), ParametersPaneModel(before))
    }

    func testConversationModelFollowsTheMessagesByRevisionAndTheReplyInFlight() {
        let before = state()
        var after = before
        after.composer.input = TextInput(text: "typing")
        after.sessions.list[0].title = "Other"
        after.parameters.temperature = 1.5
        after.status.nowMillis += 600_000
        XCTAssertEqual(ConversationPaneModel(after), ConversationPaneModel(before))

        var added = before
        added.conversation.messages.append(Message(id: "u2", role: .user, content: "More?", createdAtMillis: ScreenFixtures.t0 + 2_000))
        XCTAssertNotEqual(ConversationPaneModel(added), ConversationPaneModel(before), "the revision moved")
        var scrolled = before
        scrolled.conversation.scroll.position = .row(0)
        XCTAssertNotEqual(ConversationPaneModel(scrolled), ConversationPaneModel(before))
        var focused = before
        focused.screen.focus = .conversation
        XCTAssertNotEqual(ConversationPaneModel(focused), ConversationPaneModel(before))

        var (streaming, id) = givenStreamingState()
        let model = ConversationPaneModel(streaming)
        XCTAssertNotNil(model.reply)
        guard let id else { return XCTFail("the send started a stream") }
        let save = reduce(&streaming, .streamReceived(id, [.content(" more")], nowMillis: ScreenFixtures.t0 + 61_000))
        XCTAssertEqual(save, dueSave(streaming), "a second since the last save: the reply as it stands")
        XCTAssertNotEqual(ConversationPaneModel(streaming), model, "the reply grew")
    }

    /// The save a second of streaming owes: the reply as it stands, without its request (the
    /// save at the send stored that).
    private func dueSave(_ state: AppState) -> [Effect] {
        guard let active = state.streaming.active else { return [] }
        var reply = active.reply
        reply.request = nil
        return [.saveMessage(reply, sessionID: active.sessionID)]
    }

    /// `state()` with a reply streaming into the open session. Setup only: the reducer's steps
    /// are asserted in ChatCoreTests; these tests look at the models and what is drawn.
    private func givenStreamingState() -> (AppState, RequestID?) {
        var state = state()
        state.screen.focus = .composer
        _ = reduce(&state, .textPasted("Again?"))
        var id: RequestID?
        for case let .startStream(started, _) in reduce(&state, .keyPressed(.enter, stamp)) { id = started }
        if let id { _ = reduce(&state, .streamReceived(id, [.model("local-echo"), .content("Streaming")], nowMillis: ScreenFixtures.t0 + 60_500)) }
        return (state, id)
    }

    // MARK: - Reuse in the renderer

    /// Draws `change` of the state after a first frame, and says which parts (panes, the status
    /// line) were drawn again; the frame must equal a fresh render of the changed state.
    private func redrawn(
        _ change: (inout AppState) -> Void, file: StaticString = #filePath, line: UInt = #line
    ) -> Set<ScreenRenderer.ScreenPart> {
        var state = state()
        let renderer = ScreenRenderer()
        _ = renderer.render(state)
        change(&state)
        let kept = renderer.render(state)
        XCTAssertEqual(kept, ScreenRenderer(reusesPanes: false).render(state), "the kept panes are what drawing them gives", file: file, line: line)
        return renderer.lastRedrawn
    }

    func testAChangeNoPaneShowsKeepsEveryPane() {
        XCTAssertEqual(redrawn { _ in }, [])
        XCTAssertEqual(redrawn { $0.sessions.list[39].title = "Renamed out of view" }, [])
        XCTAssertEqual(redrawn { $0.status.nowMillis += 1_000 }, [])
    }

    func testAChangeDrawsOnlyThePaneThatShowsIt() {
        XCTAssertEqual(redrawn { $0.sessions.list[3].title = "Renamed in view" }, [.sessions])
        XCTAssertEqual(redrawn { $0.sessions.selectedIndex = 5 }, [.sessions])
        XCTAssertEqual(redrawn { $0.composer.input = TextInput(text: "typing") }, [.composer])
        XCTAssertEqual(redrawn { $0.parameters.temperature = 1.5 }, [.parameters])
        XCTAssertEqual(redrawn { $0.status.nowMillis += 60_000 }, [.sessions], "the ages shown read a minute older")
        XCTAssertEqual(redrawn { $0.conversation.scroll.position = .row(0) }, [.conversation])
        // The status line names the focused pane's keys.
        XCTAssertEqual(redrawn { $0.screen.focus = .composer }, [.sessions, .composer, .statusLine])
        XCTAssertEqual(redrawn { $0.status.notice = "Saved." }, [.statusLine])
    }

    /// While a reply streams only the conversation is drawn again; typing meanwhile draws the
    /// message box and keeps the conversation.
    func testStreamingDrawsTheConversationAndTypingTheMessageBox() {
        var (state, id) = givenStreamingState()
        guard let id else { return XCTFail("the send started a stream") }
        let renderer = ScreenRenderer()
        let whole = ScreenRenderer(reusesPanes: false)
        _ = renderer.render(state)
        let save = reduce(&state, .streamReceived(id, [.content(" more")], nowMillis: ScreenFixtures.t0 + 61_000))
        XCTAssertEqual(save, dueSave(state), "a second since the last save: the reply as it stands")
        XCTAssertEqual(renderer.render(state), whole.render(state))
        XCTAssertEqual(renderer.lastRedrawn.subtracting([.statusLine]), [.conversation], "the status line's live figures may move")
        XCTAssertEqual(reduce(&state, .keyPressed(.character("n"), stamp)), [])
        XCTAssertEqual(renderer.render(state), whole.render(state))
        XCTAssertEqual(renderer.lastRedrawn.subtracting([.statusLine]), [.composer])
    }
}

/// The sessions search shows each hit's age: a frame that keeps the pane must still show the
/// ages a fresh frame shows (the kept pane once ignored the clock while searching).
final class SessionSearchAgeTests: XCTestCase {
    func testAKeptSearchPaneShowsTheAgesAsTheyReadNow() {
        var state = ScreenFixtures.parametersState(width: 120, height: 20)
        state.screen.focus = .sessions
        // The list's ages read in weeks, the hit's in minutes: only the hit's age moves.
        state.sessions.list[0].updatedAtMillis = state.status.nowMillis - 100 * 86_400_000
        var hit = state.sessions.list[0]
        hit.updatedAtMillis = state.status.nowMillis - 30_000
        var search = SessionSearch(listSelection: 0)
        search.hits = [SessionSearchHit(summary: hit, messageID: "u1", snippet: "Name three \u{1}primes\u{2}.")]
        state.sessions.search = search
        let renderer = ScreenRenderer()
        _ = renderer.render(state)
        state.status.nowMillis += 5 * 60_000
        let kept = renderer.render(state)
        let fresh = ScreenRenderer(reusesPanes: false).render(state)
        XCTAssertTrue(fresh.textLines().joined().contains(" 5m"), fresh.textLines().joined(separator: "\n"))
        XCTAssertEqual(kept.textLines(), fresh.textLines())
    }
}
