import ChatRuntime
import Clocks
import XCTest

/// When the run loop draws, ticks and sleeps, driven by a `TestClock`: a key is drawn at once
/// after a frame of the stream or the clock (it used to wait up to 16 ms for the frame clock,
/// the larger part of a key's latency while a reply streams); input after input keeps 60
/// frames a second; a stream alone 20.
final class FramePacerTests: XCTestCase {
    func testAKeyAfterAStreamFrameIsDrawnAtOnce() {
        XCTAssertEqual(FramePacer.frameInterval(streaming: true, inputPending: true, lastFrameForInput: false), .zero)
        XCTAssertEqual(FramePacer.frameInterval(streaming: false, inputPending: true, lastFrameForInput: false), .zero)
    }

    func testInputAfterInputAndTheStreamAloneKeepTheirPace() {
        XCTAssertEqual(FramePacer.frameInterval(streaming: true, inputPending: true, lastFrameForInput: true), .milliseconds(16))
        XCTAssertEqual(FramePacer.frameInterval(streaming: true, inputPending: false, lastFrameForInput: true), .milliseconds(50))
        XCTAssertEqual(FramePacer.frameInterval(streaming: false, inputPending: false, lastFrameForInput: false), .milliseconds(16))
    }

    func testTheFirstFrameAndTheFirstTickAreDueAtOnce() {
        let time = RuntimeClock(TestClock())
        var pacer = FramePacer()
        XCTAssertTrue(pacer.frameDue(now: time.now(), streaming: false, dirty: true))
        XCTAssertFalse(pacer.frameDue(now: time.now(), streaming: false, dirty: false), "nothing changed: nothing drawn")
        XCTAssertTrue(pacer.takeTick(now: time.now(), fastTicks: false))
        XCTAssertFalse(pacer.takeTick(now: time.now(), fastTicks: false), "a tick given is not given twice")
    }

    func testAStreamAloneIsDrawnTwentyTimesASecond() async {
        let clock = TestClock()
        let time = RuntimeClock(clock)
        var pacer = FramePacer()
        pacer.frameDrawn(at: time.now())
        await clock.advance(by: .milliseconds(49))
        XCTAssertFalse(pacer.frameDue(now: time.now(), streaming: true, dirty: true))
        XCTAssertEqual(pacer.wait(now: time.now(), streaming: true, fastTicks: true, dirty: true),
                       FramePacer.Wait(timeout: .milliseconds(1), holdsInbox: true))
        await clock.advance(by: .milliseconds(1))
        XCTAssertTrue(pacer.frameDue(now: time.now(), streaming: true, dirty: true))
        XCTAssertEqual(pacer.wait(now: time.now(), streaming: true, fastTicks: true, dirty: true),
                       FramePacer.Wait(timeout: .zero, holdsInbox: false))
    }

    func testAKeyDuringAStreamIsDrawnAtOnceAndTheNextKeyAtTheNormalPace() async {
        let clock = TestClock()
        let time = RuntimeClock(clock)
        var pacer = FramePacer()
        pacer.frameDrawn(at: time.now())
        await clock.advance(by: .milliseconds(10))
        pacer.inputArrived()
        XCTAssertTrue(pacer.frameDue(now: time.now(), streaming: true, dirty: true), "not held back for the stream's pace")
        pacer.frameDrawn(at: time.now())
        await clock.advance(by: .milliseconds(5))
        pacer.inputArrived()
        XCTAssertFalse(pacer.frameDue(now: time.now(), streaming: true, dirty: true))
        XCTAssertEqual(pacer.wait(now: time.now(), streaming: true, fastTicks: true, dirty: true).timeout, .milliseconds(11))
        await clock.advance(by: .milliseconds(11))
        XCTAssertTrue(pacer.frameDue(now: time.now(), streaming: true, dirty: true))
    }

    func testTicksComeEvery250MillisecondsWhileStreamingAndEvery30SecondsOtherwise() async {
        let clock = TestClock()
        let time = RuntimeClock(clock)
        var pacer = FramePacer()
        XCTAssertTrue(pacer.takeTick(now: time.now(), fastTicks: true))
        await clock.advance(by: .milliseconds(249))
        XCTAssertFalse(pacer.takeTick(now: time.now(), fastTicks: true))
        await clock.advance(by: .milliseconds(1))
        XCTAssertTrue(pacer.takeTick(now: time.now(), fastTicks: true))
        await clock.advance(by: .seconds(29))
        XCTAssertFalse(pacer.takeTick(now: time.now(), fastTicks: false))
        await clock.advance(by: .seconds(1))
        XCTAssertTrue(pacer.takeTick(now: time.now(), fastTicks: false))
    }

    func testAnIdleLoopSleepsASecondAndAStreamingOneATick() {
        let pacer = FramePacer()
        XCTAssertEqual(pacer.wait(now: .seconds(5), streaming: false, fastTicks: false, dirty: false),
                       FramePacer.Wait(timeout: .seconds(1), holdsInbox: false))
        XCTAssertEqual(pacer.wait(now: .seconds(5), streaming: false, fastTicks: true, dirty: false).timeout, .milliseconds(250))
    }

    func testPollWaitsAreRoundedUpToWholeMilliseconds() {
        XCTAssertEqual(FramePacer.Wait(timeout: .microseconds(1500), holdsInbox: false).pollMilliseconds, 2)
        XCTAssertEqual(FramePacer.Wait(timeout: .milliseconds(16), holdsInbox: false).pollMilliseconds, 16)
        XCTAssertEqual(FramePacer.Wait(timeout: .zero, holdsInbox: false).pollMilliseconds, 0)
    }
}
