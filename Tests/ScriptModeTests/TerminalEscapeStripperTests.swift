import ScriptMode
import XCTest

final class TerminalEscapeStripperTests: XCTestCase {
    /// Every sequence a hostile reply could carry, with the text that must survive it.
    private let cases: [(input: String, output: String)] = [
        ("plain text, ünïcödé, 日本語 🙂\n\ttab", "plain text, ünïcödé, 日本語 🙂\n\ttab"),
        ("clear \u{1B}[2J screen", "clear  screen"),
        ("red \u{1B}[31;1mRED\u{1B}[0m done", "red RED done"),
        ("title \u{1B}]0;pwned\u{07}after", "title after"),
        ("clipboard \u{1B}]52;c;ZWNobw==\u{1B}\\after", "clipboard after"),
        ("DCS \u{1B}P1$qm\u{1B}\\after", "DCS after"),
        ("C1 CSI \u{9B}31mred, C1 OSC \u{9D}0;x\u{9C}ok", "C1 CSI red, C1 OSC ok"),
        ("keypad \u{1B}= charset \u{1B}(B done", "keypad  charset  done"),
        ("bell \u{07} backspace \u{08} DEL \u{7F} NUL \u{00} end", "bell  backspace  DEL  NUL  end"),
        ("crlf\r\nkept, lone\rreturn dropped", "crlf\r\nkept, lonereturn dropped"),
        // A string sequence never closed ends at the line break; the next line is text.
        ("open \u{1B}]8;;http://x\nnext line", "open \nnext line"),
        // A CSI broken by a line break is not a sequence any more.
        ("broken \u{1B}[12\nnext", "broken \nnext"),
        ("double \u{1B}\u{1B}[1mbold", "double bold"),
        ("trailing return\r", "trailing return"),
    ]

    func testWholeTexts() {
        for (input, output) in cases {
            var stripper = TerminalEscapeStripper()
            let result = stripper.filter(input)
            stripper.finish()
            XCTAssertEqual(result, output, input.debugDescription)
        }
    }

    /// Deltas split anywhere, even inside a sequence or between CR and LF: the same output.
    func testSplitAtEveryScalarBoundary() {
        for (input, output) in cases {
            let scalars = Array(input.unicodeScalars)
            for cut in 0...scalars.count {
                var first = String.UnicodeScalarView(), second = String.UnicodeScalarView()
                first.append(contentsOf: scalars[..<cut])
                second.append(contentsOf: scalars[cut...])
                var stripper = TerminalEscapeStripper()
                let result = stripper.filter(String(first)) + stripper.filter(String(second))
                XCTAssertEqual(result, output, "\(input.debugDescription) cut at \(cut)")
            }
        }
    }

    func testOneScalarAtATime() {
        for (input, output) in cases {
            var stripper = TerminalEscapeStripper()
            let result = input.unicodeScalars.map { stripper.filter(String($0)) }.joined()
            XCTAssertEqual(result, output, input.debugDescription)
        }
    }

    func testNothingControlSurvivesRandomInput() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Unicode.Scalar] = ["a", " ", "\n", "\r", "\t", "\u{1B}", "[", "]", "P", "\\", "\u{07}", "\u{9B}", "\u{9D}",
                                          "\u{9C}", "0", ";", "m", "\u{7F}", "\u{00}", "é", "日"]
        for _ in 0..<2_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                text.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)])
            }
            let result = TerminalEscapeStripper.stripped(String(text))
            for (index, scalar) in result.unicodeScalars.enumerated() {
                let v = scalar.value
                if v == 0x0D {
                    XCTAssertEqual(Array(result.unicodeScalars).dropFirst(index + 1).first, "\n", String(text).debugDescription)
                    continue
                }
                XCTAssertFalse((v < 0x20 && v != 0x0A && v != 0x09) || (0x7F...0x9F).contains(v), String(text).debugDescription)
            }
        }
    }

    /// A right-to-left override in a title or a reply would reorder what follows it on the
    /// user's terminal (a file name shown backwards): it becomes U+FFFD, as on screen.
    func testBidiOverridesAndIsolatesBecomeReplacementCharacters() {
        XCTAssertEqual(TerminalEscapeStripper.stripped("a\u{202E}evil\u{202C} b\u{2066}c\u{2069}"), "a\u{FFFD}evil\u{FFFD} b\u{FFFD}c\u{FFFD}")
        XCTAssertEqual(TerminalEscapeStripper.stripped("‐ plain – text ‘quoted’ …"), "‐ plain – text ‘quoted’ …", "other 0xE2 0x80 characters pass")
    }
}
