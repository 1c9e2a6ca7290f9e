import ChatCore
import ChatRuntime
import Clocks
import Foundation
import StreamProtocol
import TestClockSupport
import XCTest

/// The tools a session switched off are read and written through the store like its other
/// settings: a read answers `.toolSwitchesLoaded`; a write refused for a reason that may pass
/// is kept (the kept-writes path, `onStoreWrite`) and said, like every other save.
final class ToolSwitchEffectsTests: XCTestCase {
    private let store = FakeStore()
    private let posted = PostedActions()
    private let clock = TestClock()

    private func runner() -> EffectRunner {
        EffectRunner(
            dependencies: Dependencies(
                clock: RuntimeClock(clock), wallClockMillis: { 1234 }, store: store, streamer: FakeStreamer(name: nil).client),
            post: posted.post)
    }

    func testLoadingAnswersWithTheStoredSwitches() {
        let runner = runner()
        runner.perform([.loadToolSwitches(sessionID: "s1")])
        runner.drain()
        XCTAssertEqual(store.calls, ["loadToolSwitches(s1)"])
        XCTAssertEqual(posted.actions, [.toolSwitchesLoaded(sessionID: "s1", switchedOff: ["files__read"])])
        runner.flush()
    }

    func testASaveTheDatabaseRefusesForNowIsKeptLikeEveryOtherWrite() {
        store.lock("saveToolSwitches(s1, files__list files__read)", times: 5)
        let runner = runner()
        runner.perform([.saveToolSwitches(sessionID: "s1", switchedOff: ["files__list", "files__read"])])
        runner.drain()
        XCTAssertEqual(store.calls, ["saveToolSwitches(s1, files__list files__read)"])
        XCTAssertEqual(posted.actions, [.storeNotice("Not saved: database locked by another process; retrying (1 change waiting)")])
        XCTAssertEqual(runner.unsavedWrites.map(\.change), ["saveToolSwitches"])
        runner.flush()
    }
}
