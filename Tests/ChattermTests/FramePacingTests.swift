import XCTest
@testable import chatterm

/// When the run loop draws: a key is drawn at once after a frame of the stream or the clock
/// (it used to wait up to 16 ms for the frame clock, the larger part of a key's latency while
/// a reply streams); input after input keeps 60 frames a second; a stream alone 20.
final class FramePacingTests: XCTestCase {
    func testAKeyAfterAStreamFrameIsDrawnAtOnce() {
        XCTAssertEqual(App.frameDue(streaming: true, inputPending: true, lastFrameForInput: false), 0)
        XCTAssertEqual(App.frameDue(streaming: false, inputPending: true, lastFrameForInput: false), 0)
    }

    func testInputAfterInputAndTheStreamAloneKeepTheirPace() {
        XCTAssertEqual(App.frameDue(streaming: true, inputPending: true, lastFrameForInput: true), 16)
        XCTAssertEqual(App.frameDue(streaming: true, inputPending: false, lastFrameForInput: true), 50)
        XCTAssertEqual(App.frameDue(streaming: false, inputPending: false, lastFrameForInput: false), 16)
    }
}
