import XCTest

@testable import TerminalUI

/// `chatterm ask --render`: what the printer writes, played on a small model of a terminal
/// (line feeds, carriage returns, cursor up, clear to end of screen; colours ignored), ends as
/// the full render of the reply, however the reply was split.
final class RenderedReplyPrinterTests: XCTestCase {
    /// A terminal of unbounded height: enough for what the printer uses.
    private struct ScreenModel {
        var lines: [String] = [""]
        var row = 0

        mutating func play(_ bytes: String) {
            var scalars = bytes.unicodeScalars[...]
            while let scalar = scalars.popFirst() {
                switch scalar {
                case "\n":
                    row += 1
                    if row == lines.count { lines.append("") }
                case "\r":
                    break  // every line the printer rewrites is cleared first
                case "\u{1B}":
                    guard scalars.popFirst() == "[" else { return XCTFail("unexpected escape") }
                    var parameter = ""
                    while let next = scalars.popFirst() {
                        if next.properties.isAlphabetic {
                            switch next {
                            case "A": row = max(0, row - (Int(parameter) ?? 1))
                            case "J": lines.removeLast(lines.count - row); lines.append("")
                            case "m": break
                            default: XCTFail("unexpected CSI \(next)")
                            }
                            break
                        }
                        parameter.unicodeScalars.append(next)
                    }
                default:
                    lines[row].unicodeScalars.append(scalar)
                }
            }
        }
    }

    private func played(_ pieces: [String], width: Int = 50, height: Int = 12) -> [String] {
        var printer = RenderedReplyPrinter(width: width, height: height, theme: .default)
        var screen = ScreenModel()
        for piece in pieces { screen.play(printer.append(piece)) }
        screen.play(printer.finish())
        return screen.lines
    }

    private func expected(_ text: String, width: Int = 50) -> [String] {
        StreamingMarkdown.render(text, width: width, role: .assistantText).map(\.text) + [""]
    }

    func testWholeRepliesAndRepliesSplitAnywhereEndTheSame() {
        let reply = "# Title\n\nSome **bold** text and a table:\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n```swift\nlet x = 1\n```\n\n- one\n- two\n"
        XCTAssertEqual(played([reply]), expected(reply))
        let scalars = Array(reply.unicodeScalars)
        for size in [1, 3, 7, 20] {
            var pieces: [String] = []
            var index = 0
            while index < scalars.count {
                pieces.append(String(String.UnicodeScalarView(scalars[index..<min(scalars.count, index + size)])))
                index += size
            }
            XCTAssertEqual(played(pieces), expected(reply), "pieces of \(size)")
        }
    }

    /// A live block taller than the screen is partly printed for good; the rest still ends right.
    func testALiveBlockTallerThanTheScreen() {
        let code = "```\n" + (1...40).map { "line \($0)" }.joined(separator: "\n") + "\n```\n"
        let pieces = code.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) + "\n" }
        XCTAssertEqual(played(Array(pieces.dropLast()), height: 8), expected(code))
    }

    func testNothingButColoursAndCursorMovesIsAnEscape() {
        var printer = RenderedReplyPrinter(width: 40, height: 10, theme: .default)
        let bytes = printer.append("Clear \u{1B}[2J and `\u{1B}]52;c;x\u{07}`\n") + printer.finish()
        XCTAssertFalse(bytes.contains("\u{1B}[2J"))
        XCTAssertFalse(bytes.contains("\u{1B}]"))
        // The pictures stand where the escapes were; every ESC left is the printer's own CSI
        // (colour, cursor up, clear).
        XCTAssertTrue(bytes.contains("␛"))
        for piece in bytes.components(separatedBy: "\u{1B}").dropFirst() {
            let csi = piece.prefix { $0 == "[" || $0 == ";" || $0.isNumber }
            XCTAssertTrue(csi.hasPrefix("["), piece)
            XCTAssertTrue(["m", "A", "J"].contains(piece.dropFirst(csi.count).first.map(String.init) ?? ""), piece)
        }
        XCTAssertFalse(bytes.unicodeScalars.contains { $0 == "\u{07}" })
    }
}
