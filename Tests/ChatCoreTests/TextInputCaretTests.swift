import Deterministic
import XCTest
@testable import ChatCore

/// `TextInput` keeps the caret's place in the text beside its grapheme offset, so typing into
/// a megabyte draft does not walk the megabyte. The two must always agree, and typing must put
/// the caret where counting from the end put it before.
final class TextInputCaretTests: XCTestCase {
    private let pieces = ["a", "Z", " ", "\n", "\r\n", "\t", "日", "👍", "\u{1F3FD}", "\u{301}", "e", "\u{200D}", "👩", "🇫", "🇷", "é"]

    private func assertConsistent(_ input: TextInput, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(input.caretIndex, input.text.index(input.text.startIndex, offsetBy: input.caret), message, file: file, line: line)
        XCTAssertTrue((0...input.text.count).contains(input.caret), message, file: file, line: line)
    }

    func testEveryEditKeepsTheIndexAndTheOffsetTogether() {
        var random = SplitMix64(seed: 42)
        for round in 0..<300 {
            var input = TextInput()
            for step in 0..<40 {
                let label = "round \(round) step \(step) \(input.text.debugDescription) caret \(input.caret)"
                switch random.next() % 10 {
                case 0: input.moveLeft()
                case 1: input.moveRight()
                case 2: input.deleteBackward()
                case 3: _ = input.moveVertically(up: random.next() % 2 == 0)
                case 4: _ = input.deleteWordBackward()
                case 5: input.moveToLineStart()
                default:
                    let text = (0..<Int(random.next() % 3 + 1)).map { _ in random.pick(pieces) }.joined()
                    let withoutFlags = !input.text.unicodeScalars.contains { $0.properties.isEmojiPresentation && (0x1F1E6...0x1F1FF).contains($0.value) }
                        && !text.unicodeScalars.contains { (0x1F1E6...0x1F1FF).contains($0.value) }
                    // What the caret was before: as much text stays after it as stood after it.
                    var reference = input.text
                    let suffix = reference.count - input.caret
                    let at = reference.index(reference.startIndex, offsetBy: input.caret)
                    let end = reference.utf8.distance(from: reference.startIndex, to: at) + text.utf8.count
                    reference.insert(contentsOf: text, at: at)
                    // Typed text that joins the grapheme after it (a letter before a lone
                    // combining mark): the caret stays before that grapheme, not further back.
                    let joinsAfter = String.Index(reference.utf8.index(reference.startIndex, offsetBy: end), within: reference) == nil
                    input.insert(text)
                    XCTAssertEqual(input.text, reference, label)
                    // A flag letter typed into a run of flag letters re-pairs the run after it,
                    // so the old rule had no meaningful answer there; elsewhere it must agree.
                    if withoutFlags, !joinsAfter { XCTAssertEqual(input.caret, max(0, reference.count - suffix), label) }
                }
                assertConsistent(input, label)
            }
        }
    }

    func testReplacingClearingAndStartingKeepThemTogether() {
        var input = TextInput(text: "ab\ncd", caret: 4)
        assertConsistent(input, "init")
        input.replaceAll(with: "日本語", caretAtStart: true)
        assertConsistent(input, "replace at start")
        input.replaceAll(with: "日本語")
        assertConsistent(input, "replace")
        input.clear()
        assertConsistent(input, "clear")
    }

    func testTypingIntoAMegabyteDraftDoesNotWalkIt() {
        var input = TextInput(text: MixedText.generate(byteCount: 1 << 20, seed: 4))
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for character in "typed at the end" { input.insert(String(character)) }
        }
        XCTAssertTrue(input.text.hasSuffix("typed at the end"))
        assertConsistent(input, "after typing")
        // Sixteen keys; each walked the megabyte (about 30 ms) four times before.
        XCTAssertLessThan(elapsed, .milliseconds(100))
    }
}
