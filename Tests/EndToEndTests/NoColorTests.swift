import Foundation
import XCTest

/// NO_COLOR (https://no-color.org): the same screen, drawn with attributes only.
final class NoColorTests: EndToEndCase {
    /// SGR parameters that set a colour: 30–38, 40–48, 90–97, 100–107 (39 and 49, which go back
    /// to the terminal's own colours, are not colours).
    func colourCodes(in screen: String) -> [String] {
        var found: [String] = []
        var rest = Substring(screen)
        while let start = rest.range(of: "\u{1B}[") {
            let afterStart = rest[start.upperBound...]
            guard let end = afterStart.firstIndex(of: "m") else { break }
            let codes = afterStart[..<end].split(separator: ";").compactMap { Int($0) }
            if codes.contains(where: { ((30...48).contains($0) && $0 != 39) || (90...107).contains($0) }) {
                found.append(String(afterStart[..<end]))
            }
            rest = afterStart[end...]
        }
        return found
    }

    /// COLORTERM=truecolor: colours go out as 24-bit (through the `-direct` terminfo entry);
    /// without it, as palette indices.
    func testTrueColorWhenTheTerminalSaysSo() throws {
        let direct = TmuxDriver(name: "truecolor")
        defer { direct.kill() }
        try direct.start(chattermCommand(), width: 100, height: 30, environment: ["TERM": "xterm-256color", "COLORTERM": "truecolor"])
        try direct.waitFor(text: "Sessions")
        let screen = try direct.screenWithEscapes()
        XCTAssertTrue(screen.contains("38;2;"), "24-bit foreground colours")
        XCTAssertFalse(screen.contains("38;5;"), "no palette colours")
        try direct.press("C-q")
        XCTAssertEqual(try direct.waitForExit(), 0)

        let palette = TmuxDriver(name: "palette")
        defer { palette.kill() }
        try palette.start(chattermCommand(), width: 100, height: 30, environment: ["TERM": "xterm-256color"])
        try palette.waitFor(text: "Sessions")
        let indexed = try palette.screenWithEscapes()
        XCTAssertTrue(indexed.contains("38;5;"))
        XCTAssertFalse(indexed.contains("38;2;"))
        try palette.press("C-q")
        XCTAssertEqual(try palette.waitForExit(), 0)
    }

    func testNoColorDrawsNoColourAndKeepsAttributes() throws {
        let coloured = TmuxDriver(name: "colour")
        defer { coloured.kill() }
        try coloured.start(chattermCommand(), width: 100, height: 30, environment: ["TERM": "xterm-256color"])
        try coloured.waitFor(text: "Sessions")
        let colouredScreen = try coloured.screenWithEscapes()
        XCTAssertFalse(colourCodes(in: colouredScreen).isEmpty, "the default theme is in colour: \(colouredScreen.prefix(300).debugDescription)")
        try coloured.press("C-q")
        _ = try coloured.waitForExit()

        let plain = TmuxDriver(name: "nocolour")
        defer { plain.kill() }
        try plain.start(chattermCommand(), width: 100, height: 30, environment: ["TERM": "xterm-256color", "NO_COLOR": "1"])
        try plain.waitFor(text: "Sessions")
        try plain.sendAndWaitForReply("/markdown colours")
        let screen = try plain.screenWithEscapes()
        XCTAssertEqual(colourCodes(in: screen), [], "no colour at all")
        XCTAssertTrue(screen.contains("\u{1B}[1m") || screen.contains(";1m") || screen.contains("[1;"), "bold still marks what it marks")
        try plain.press("C-q")
        XCTAssertEqual(try plain.waitForExit(), 0)
    }
}
