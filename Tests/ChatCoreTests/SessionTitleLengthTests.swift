import Deterministic
import XCTest
@testable import ChatCore

/// The title reads only as much of the first message as it shows, and says the same as
/// collapsing the whole message's whitespace did.
final class SessionTitleLengthTests: XCTestCase {
    /// The rule as first written: every word of the message, joined by one space.
    private func wholeMessageTitle(_ text: String) -> String {
        let oneLine = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
        guard oneLine.count > SessionTitle.maxLength else { return oneLine }
        return String(oneLine.prefix(SessionTitle.maxLength - 1)) + "…"
    }

    func testTheSameTitleAsFromTheWholeMessage() {
        var samples = ["", " ", "\n\n", "hello", "  two  words \n", String(repeating: "x", count: 60),
                       String(repeating: "x", count: 61), String(repeating: "ab ", count: 20), String(repeating: "ab ", count: 21) + "\t"]
        for seed in 0..<200 { samples.append(MixedText.generate(byteCount: Int(seed % 40) * 5, seed: UInt64(seed))) }
        for text in samples {
            XCTAssertEqual(SessionTitle.make(fromFirstUserMessage: text), wholeMessageTitle(text), text.debugDescription)
        }
    }

    func testAMegabyteMessageIsNotReadWhole() {
        let text = MixedText.generate(byteCount: 1 << 20, seed: 8)
        let elapsed = ContinuousClock().measure { _ = SessionTitle.make(fromFirstUserMessage: text) }
        // Splitting the whole megabyte into words took ~240 ms in a debug build.
        XCTAssertLessThan(elapsed, .milliseconds(20))
    }
}
