import ChatCore
import ChatRuntime
import Clocks
import Foundation
import StreamProtocol
import XCTest

/// The one effect runner, with fakes for everything it reaches and a `TestClock` for its waits.
final class EffectRunnerTests: XCTestCase {
    private let store = FakeStore()
    private let posted = PostedActions()
    private let clock = TestClock()

    private func runner(
        _ mode: RuntimeMode = .app, streamer: FakeStreamer = FakeStreamer(name: "work"), others: [FakeStreamer] = [],
        clipboard: ClipboardClient = ClipboardClient(), files: FilesClient = FilesClient(), terminal: TerminalClient = TerminalClient()
    ) -> EffectRunner {
        EffectRunner(
            mode: mode,
            dependencies: Dependencies(
                clock: RuntimeClock(clock), wallClockMillis: { 1234 }, store: store, streamer: streamer.client,
                otherStreamers: others.map(\.client), clipboard: clipboard, files: files, terminal: terminal),
            post: posted.post)
    }

    // MARK: - Searches wait on the clock

    func testASearchWaitsForThePauseAndOnlyTheLastOfABurstIsRun() async {
        store.hits = []
        let runner = runner()
        runner.perform([.searchSessions(query: "a"), .searchSessions(query: "ab")])
        await clock.advance(by: .milliseconds(39))
        runner.drain()
        XCTAssertEqual(store.calls, [], "nothing asked before the pause is over")
        let found = posted.expect(1)
        await clock.advance(by: .milliseconds(1))
        await fulfillment(of: [found], timeout: 10)
        runner.drain()
        XCTAssertEqual(store.calls, ["searchSessions(ab)"], "the overtaken query is never run")
        XCTAssertEqual(posted.actions, [.sessionsFound(query: "ab", [])])
        runner.flush()
    }

    // MARK: - Outside changes are looked for on the clock

    func testAChangeByAnotherProcessIsSeenOnTheNextSecondOfTheClock() async {
        store.sessions = [.fixture("s1")]
        let runner = runner()
        runner.watchOutsideChanges()
        await clock.advance(by: .seconds(1))
        await Self.yieldToTasks()
        runner.drain()
        XCTAssertEqual(store.calls, [], "no change: the list is not read again")
        store.setChangeCount(1)
        let seen = posted.expect(1)
        await clock.advance(by: .seconds(1))
        await fulfillment(of: [seen], timeout: 10)
        XCTAssertEqual(posted.actions, [.sessionsChangedElsewhere([.fixture("s1")])])
        XCTAssertEqual(store.calls, ["listSessions(\(SessionPaging.pageSize))"])
        runner.flush()
    }

    // MARK: - Store work

    func testStoreWorkRunsOffTheRunLoopThreadAndPostsItsResult() {
        store.sessions = [.fixture("s1")]
        let runner = runner()
        runner.perform([.loadSessions])
        runner.drain()
        XCTAssertEqual(posted.actions, [.sessionsLoaded([.fixture("s1")])])
        XCTAssertFalse(store.anyOnMainThread)
    }

    func testANewSessionRecordsTheProfileItWasMadeWith() {
        let runner = runner()
        runner.perform([.createSession(.fixture("s1"), SessionParameters())])
        runner.drain()
        XCTAssertEqual(store.calls, ["createSession(s1)", "setSessionProfile(s1, work)"])
    }

    func testAFailedStoreCallBecomesANoticeAndLaterOnesStillRunInTheApp() {
        store.fail("createSession(s1)")
        let runner = runner()
        runner.perform([.createSession(.fixture("s1"), SessionParameters()), .saveMessage(Self.reply, sessionID: "s1")])
        runner.drain()
        XCTAssertEqual(store.calls, ["createSession(s1)", "saveMessage(r1)"])
        XCTAssertEqual(posted.actions, [.storeFailed("Could not save or load sessions: createSession(s1) (told to fail) was not expected")])
    }

    func testUseProfileSendsTheNextRequestsToThatProfilesStreamer() {
        let work = FakeStreamer(name: "work")
        let home = FakeStreamer(name: "home")
        let runner = runner(streamer: work, others: [home])
        runner.perform([.startStream(RequestID(1), ChatRequest()), .useProfile(name: "home"), .startStream(RequestID(2), ChatRequest())])
        runner.perform([.useProfile(name: "nobody"), .cancelStream(RequestID(2))])
        XCTAssertEqual(work.started, [RequestID(1)])
        XCTAssertEqual(home.started, [RequestID(2)])
        XCTAssertEqual(home.cancelled, [RequestID(2)], "an unknown profile leaves the streamer as it was")
    }

    // MARK: - ask: a subset of effects

    func testAskCarriesOutOnlyTheStreamAndTheTurnsWrites() {
        let streamer = FakeStreamer(name: nil)
        var mouse: [Bool] = []
        let runner = runner(.ask(storesTurn: true), streamer: streamer, terminal: TerminalClient(setMouse: { mouse.append($0) }))
        runner.perform([
            .createSession(.fixture("s1"), SessionParameters()), .startStream(RequestID(1), ChatRequest()), .loadSessions,
            .setMouse(true), .saveDraft(sessionID: nil, text: "x"), .listModels, .saveMessage(Self.reply, sessionID: "s1"),
            .cancelStream(RequestID(1)),
        ])
        runner.drain()
        XCTAssertEqual(streamer.started, [RequestID(1)])
        XCTAssertEqual(streamer.cancelled, [RequestID(1)])
        XCTAssertEqual(store.calls, ["createSession(s1)", "saveMessage(r1)"], "no profile recorded, nothing else read or written")
        XCTAssertEqual(mouse, [])
        XCTAssertEqual(posted.actions, [], "the model list is not asked for")
    }

    func testAskThatKeepsNothingWritesNothing() {
        let runner = runner(.ask(storesTurn: false), streamer: FakeStreamer(name: nil))
        runner.perform([.createSession(.fixture("s1"), SessionParameters()), .saveMessage(Self.reply, sessionID: "s1")])
        runner.drain()
        XCTAssertEqual(store.calls, [])
    }

    func testAskSaysAStoreFailureOnceAndStoresNothingMore() {
        store.fail("createSession(s1)")
        let runner = runner(.ask(storesTurn: true), streamer: FakeStreamer(name: nil))
        runner.perform([.createSession(.fixture("s1"), SessionParameters()), .saveMessage(Self.reply, sessionID: "s1")])
        runner.drain()
        XCTAssertEqual(store.calls, ["createSession(s1)"])
        XCTAssertEqual(posted.actions, [.storeFailed(
            "could not store this ask: createSession(s1) (told to fail) was not expected. The reply is still printed in full.")])
    }

    func testEveryEffectIsAllowedInTheAppAndAskAllowsItsFour() {
        let effects: [Effect] = [
            .startStream(RequestID(1), ChatRequest()), .cancelStream(RequestID(1)),
            .createSession(.fixture("s1"), SessionParameters()), .saveMessage(Self.reply, sessionID: "s1"),
            .loadSessions, .copyToClipboard("x"), .writeFile(path: "/tmp/x", text: ""), .quit,
        ]
        XCTAssertEqual(effects.map(RuntimeMode.app.allows), [true, true, true, true, true, true, true, true])
        XCTAssertEqual(effects.map(RuntimeMode.ask(storesTurn: true).allows), [true, true, true, true, false, false, false, false])
        XCTAssertEqual(effects.map(RuntimeMode.ask(storesTurn: false).allows), [true, true, false, false, false, false, false, false])
    }

    // MARK: - Files and the clipboard off the run loop's thread

    func testAnExportIsWrittenOffTheRunLoopThread() {
        let written = Written()
        let runner = runner(files: FilesClient(write: { path, data in written.add(path, data) }))
        runner.perform([.writeFile(path: "/tmp/out.md", text: "héllo")])
        runner.drain()
        XCTAssertEqual(written.paths, ["/tmp/out.md"])
        XCTAssertEqual(written.onMainThread, [false])
        XCTAssertEqual(posted.actions, [.sessionExported(path: "/tmp/out.md", bytes: 6)])
    }

    func testAFailedExportSaysWhyInTheFilesWords() {
        let runner = runner(files: FilesClient(write: { path, _ in throw FilesClient.Unwritable(path: path) }, describe: { _ in "permission denied" }))
        runner.perform([.writeFile(path: "/x", text: "")])
        runner.drain()
        XCTAssertEqual(posted.actions, [.storeFailed("Could not write /x: permission denied")])
    }

    func testTheStateFileIsWrittenOffTheRunLoopThread() {
        let written = Written()
        let runner = runner(files: FilesClient(writeState: { choices in written.add(choices.fileText, Data()) }))
        var choices = RememberedChoices()
        choices.zoomed = true
        runner.perform([.saveRememberedChoices(choices)])
        runner.flush()
        XCTAssertEqual(written.paths, [choices.fileText])
        XCTAssertEqual(written.onMainThread, [false])
    }

    func testAClipboardProgramRunsOffTheRunLoopThreadAfterOSC52() {
        let written = Written()
        let clipboard = ClipboardClient(
            method: .auto, command: { _ in ["xclip", "-selection", "clipboard"] },
            run: { command, text in written.add(command.joined(separator: " ") + ": " + text, Data()) })
        let runner = runner(clipboard: clipboard, terminal: TerminalClient(copyOSC52: { _ in nil }))
        runner.perform([.copyToClipboard("hi")])
        runner.drain()
        XCTAssertEqual(written.paths, ["xclip -selection clipboard: hi"])
        XCTAssertEqual(written.onMainThread, [false])
        XCTAssertEqual(posted.actions, [])
    }

    func testTheFirstClipboardProblemIsSaidAndOnlyIt() {
        struct Refused: Error, CustomStringConvertible { var description: String { "exit 1" } }
        let clipboard = ClipboardClient(method: .auto, command: { _ in ["/usr/bin/xclip"] }, run: { _, _ in throw Refused() })
        let runner = runner(clipboard: clipboard, terminal: TerminalClient(copyOSC52: { _ in "too long for OSC 52" }))
        runner.perform([.copyToClipboard("hi")])
        runner.drain()
        XCTAssertEqual(posted.actions, [.storeFailed("too long for OSC 52")])

        let alone = self.runner(clipboard: ClipboardClient(method: .xclip, command: { _ in nil }))
        alone.perform([.copyToClipboard("hi")])
        alone.drain()
        XCTAssertEqual(posted.actions.last, .storeFailed("Not copied: xclip is not installed ([clipboard] method in the config)."))
    }

    // MARK: - Helpers

    private static let reply = Message(id: "r1", role: .assistant, content: "hi", createdAtMillis: 1)

    /// Lets tasks the clock just woke run up to their next wait.
    private static func yieldToTasks() async {
        for _ in 0..<100 { await Task.yield() }
    }
}

/// Writes the fake files client was asked for, with the thread each came on.
// safe: every stored property is read and written holding `lock`.
final class Written: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(path: String, onMain: Bool)] = []

    func add(_ path: String, _ data: Data) {
        lock.lock()
        entries.append((path, Thread.isMainThread))
        lock.unlock()
    }

    var paths: [String] {
        lock.lock()
        defer { lock.unlock() }
        return entries.map(\.path)
    }

    var onMainThread: [Bool] {
        lock.lock()
        defer { lock.unlock() }
        return entries.map(\.onMain)
    }
}
