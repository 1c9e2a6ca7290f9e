import ChatCore
import Deterministic
import XCTest

@testable import CursesTerminal

final class KeyDecoderTests: XCTestCase {
    private let size = (width: 80, height: 24)

    private func chars(_ text: String) -> [RawInput] {
        text.unicodeScalars.map { .char($0.value) }
    }

    private func decode(_ inputs: [RawInput], with decoder: inout KeyDecoder) -> [InputEvent] {
        decoder.decode(inputs, screenSize: size)
    }

    private func decode(_ inputs: [RawInput]) -> [InputEvent] {
        var decoder = KeyDecoder()
        return decoder.decode(inputs, screenSize: size)
    }

    private func keys(_ keys: Key...) -> [InputEvent] { keys.map { .key($0) } }

    // MARK: Printable text

    func testPrintableASCIIBecomesCharacters() {
        XCTAssertEqual(decode(chars("hi!")), keys(.character("h"), .character("i"), .character("!")))
    }

    func testCombiningMarkJoinsItsBaseIntoOneCharacter() {
        XCTAssertEqual(decode(chars("e\u{301}x")), keys(.character("e\u{301}"), .character("x")))
    }

    func testEmojiWithModifierAndZWJSequenceAreSingleCharacters() {
        let family = "👨‍👩‍👧"
        let thumbs = "👍🏽"
        XCTAssertEqual(decode(chars(family + thumbs)), keys(.character(Character(family)), .character(Character(thumbs))))
    }

    func testCJKCharacters() {
        XCTAssertEqual(decode(chars("日本")), keys(.character("日"), .character("本")))
    }

    func testInvalidScalarsAndC1ControlsAreDropped() {
        XCTAssertEqual(decode([.char(0xD800), .char(0x85), .char(0x9B), .char(0x110000), .char(0x61)]), keys(.character("a")))
    }

    // MARK: Control characters

    func testEnterTabAndCtrlJAreDistinct() {
        XCTAssertEqual(decode([.char(13), .char(9), .char(10)]), keys(.enter, .tab, .control("j")))
    }

    func testBackspaceFromBSAndDEL() {
        XCTAssertEqual(decode([.char(8), .char(127)]), keys(.backspace, .backspace))
    }

    func testEveryCtrlLetterExceptTheSpecialOnes() {
        for value in UInt32(1)...26 where ![8, 9, 10, 13].contains(value) {
            let letter = Character(Unicode.Scalar(UInt8(96 + value)))
            XCTAssertEqual(decode([.char(value)]), keys(.control(letter)), "control code \(value)")
        }
        XCTAssertEqual(decode([.char(3)]), keys(.control("c")))
        XCTAssertEqual(decode([.char(14)]), keys(.control("n")))
    }

    func testOtherControlsMeanNothing() {
        XCTAssertEqual(decode([.char(0), .char(28), .char(29), .char(30), .char(31)]), [])
    }

    func testControlCharacterFlushesPendingText() {
        XCTAssertEqual(decode(chars("ab") + [.char(13)] + chars("c")),
                       keys(.character("a"), .character("b"), .enter, .character("c")))
    }

    // MARK: Escape and Alt

    func testLoneEscapeAtEndOfDrain() {
        XCTAssertEqual(decode([.char(27)]), keys(.escape))
    }

    func testEscapeFollowedByCharacterIsAlt() {
        XCTAssertEqual(decode([.char(27)] + chars("1")), keys(.alt("1")))
        XCTAssertEqual(decode([.char(27)] + chars("x") + chars("y")), keys(.alt("x"), .character("y")))
        XCTAssertEqual(decode([.char(27)] + chars("é")), keys(.alt("é")))
    }

    func testEscapeCarriageReturnIsAltEnter() {
        XCTAssertEqual(decode([.char(27), .char(13)]), keys(.altEnter))
    }

    func testDoubleEscapeIsTwoEscapes() {
        XCTAssertEqual(decode([.char(27), .char(27)]), keys(.escape, .escape))
    }

    func testAltBackspaceFromEitherByte() {
        XCTAssertEqual(decode([.char(27), .char(127)]), keys(.altBackspace))
        XCTAssertEqual(decode([.char(27), .char(8)]), keys(.altBackspace))
    }

    func testEscapeBeforeAnotherControlCharacterIsDropped() {
        XCTAssertEqual(decode([.char(27), .char(23)]), keys(.control("w")))
    }

    func testCtrlArrowsLeftAndRight() {
        XCTAssertEqual(decode([.char(27)] + chars("[1;5D")), keys(.ctrlLeft))
        XCTAssertEqual(decode([.char(27)] + chars("[1;5C")), keys(.ctrlRight))
        XCTAssertEqual(decode([.char(27)] + chars("[1;5A")), keys(.up), "Ctrl+↑ is plain ↑ (no command wants it)")
    }

    func testEscapeBeforeKeyCodeIsDropped() {
        XCTAssertEqual(decode([.char(27), .keyCode(CursesKeyCode.up)]), keys(.up))
    }

    func testEscapeInSeparateDrainsIsEscapeThenCharacter() {
        var decoder = KeyDecoder()
        XCTAssertEqual(decode([.char(27)], with: &decoder), keys(.escape))
        XCTAssertEqual(decode(chars("x"), with: &decoder), keys(.character("x")))
    }

    func testRawCSISequencesNcursesDidNotDecode() {
        XCTAssertEqual(decode([.char(27)] + chars("[A")), keys(.up))
        XCTAssertEqual(decode([.char(27)] + chars("[1;2A")), keys(.shiftUp))
        XCTAssertEqual(decode([.char(27)] + chars("[1;2B")), keys(.shiftDown))
        XCTAssertEqual(decode([.char(27)] + chars("[1;2C")), keys(.shiftRight))
        XCTAssertEqual(decode([.char(27)] + chars("[1;2D")), keys(.shiftLeft))
        XCTAssertEqual(decode([.char(27)] + chars("[1;5A")), keys(.up))
        XCTAssertEqual(decode([.char(27)] + chars("[3~")), keys(.delete))
        XCTAssertEqual(decode([.char(27)] + chars("[5~") + [.char(27)] + chars("[6~")), keys(.pageUp, .pageDown))
        XCTAssertEqual(decode([.char(27)] + chars("[Z")), keys(.backTab))
        XCTAssertEqual(decode([.char(27)] + chars("[15~")), keys(.function(5)))
        XCTAssertEqual(decode([.char(27)] + chars("[24~")), keys(.function(12)))
        XCTAssertEqual(decode([.char(27)] + chars("[1~") + [.char(27)] + chars("[4~")), keys(.home, .end))
    }

    func testRawSS3Sequences() {
        XCTAssertEqual(decode([.char(27)] + chars("OA")), keys(.up))
        XCTAssertEqual(decode([.char(27)] + chars("OH")), keys(.home))
        XCTAssertEqual(decode([.char(27)] + chars("OP")), keys(.function(1)))
        XCTAssertEqual(decode([.char(27)] + chars("Ox")), keys(.alt("O"), .character("x")))
    }

    func testUnknownCSISequencesAreDroppedNotTyped() {
        // Focus-in report and an SGR mouse report: neither may reach the composer as text.
        XCTAssertEqual(decode([.char(27)] + chars("[I") + chars("a")), keys(.character("a")))
        XCTAssertEqual(decode([.char(27)] + chars("[<0;10;5M") + chars("b")), keys(.character("b")))
    }

    func testIncompleteCSIIsAltBracket() {
        XCTAssertEqual(decode([.char(27)] + chars("[")), keys(.alt("[")))
        XCTAssertEqual(decode([.char(27)] + chars("[1")), keys(.alt("["), .character("1")))
    }

    // MARK: Key codes

    func testKeyCodes() {
        let expectations: [(Int32, Key)] = [
            (CursesKeyCode.up, .up), (CursesKeyCode.down, .down),
            (CursesKeyCode.left, .left), (CursesKeyCode.right, .right),
            (CursesKeyCode.shiftUp, .shiftUp), (CursesKeyCode.shiftDown, .shiftDown),
            (CursesKeyCode.shiftLeft, .shiftLeft), (CursesKeyCode.shiftRight, .shiftRight),
            (CursesKeyCode.home, .home), (CursesKeyCode.end, .end),
            (CursesKeyCode.find, .home), (CursesKeyCode.select, .end),
            (CursesKeyCode.keypadA1, .home), (CursesKeyCode.keypadC1, .end),
            (CursesKeyCode.pageUp, .pageUp), (CursesKeyCode.pageDown, .pageDown),
            (CursesKeyCode.keypadA3, .pageUp), (CursesKeyCode.keypadC3, .pageDown),
            (CursesKeyCode.deleteChar, .delete), (CursesKeyCode.backTab, .backTab),
            (CursesKeyCode.backspace, .backspace), (CursesKeyCode.enter, .enter),
        ]
        for (code, key) in expectations {
            XCTAssertEqual(decode([.keyCode(code)]), keys(key), "key code \(code)")
        }
    }

    func testFunctionKeysOneToTwelve() {
        for number in 1...12 {
            XCTAssertEqual(decode([.keyCode(CursesKeyCode.function(number))]), keys(.function(number)))
        }
        XCTAssertEqual(decode([.keyCode(CursesKeyCode.function(13))]), [])
        XCTAssertEqual(decode([.keyCode(CursesKeyCode.function(0))]), [])
    }

    func testUnknownKeyCodesAndMouseAreIgnored() {
        XCTAssertEqual(decode([.keyCode(CursesKeyCode.mouse), .keyCode(0x7FFF)]), [])
    }

    func testExtraKeyCodesFromTerminfo() {
        var decoder = KeyDecoder(extraKeyCodes: [600: .shiftUp, 601: .shiftDown])
        XCTAssertEqual(decode([.keyCode(600), .keyCode(601)], with: &decoder), keys(.shiftUp, .shiftDown))
    }

    func testResizeReportsScreenSizeOncePerDrain() {
        var decoder = KeyDecoder()
        let events = decoder.decode([.keyCode(CursesKeyCode.resize), .keyCode(CursesKeyCode.resize)], screenSize: (100, 30))
        XCTAssertEqual(events, [.resize(width: 100, height: 30)])
    }

    func testResizeBetweenKeysKeepsOrder() {
        var decoder = KeyDecoder()
        let events = decoder.decode(chars("a") + [.keyCode(CursesKeyCode.resize)] + chars("b"), screenSize: (40, 12))
        XCTAssertEqual(events, [.key(.character("a")), .resize(width: 40, height: 12), .key(.character("b"))])
    }

    /// Esc pressed just before a resize arrives in the same read: the Escape is kept (it was
    /// dropped as if ESC were an Alt prefix of the resize, so the editor it meant to close stayed).
    func testEscapeBeforeAResizeIsStillEscape() {
        var decoder = KeyDecoder()
        let events = decoder.decode([.char(0x1B), .keyCode(CursesKeyCode.resize)], screenSize: (100, 30))
        XCTAssertEqual(events, [.key(.escape), .resize(width: 100, height: 30)])
    }

    // MARK: Bracketed paste

    func testPasteBetweenMarkersIsOneEvent() {
        let inputs: [RawInput] = [.keyCode(CursesKeyCode.pasteStart)] + chars("hello\tworld")
            + [.keyCode(CursesKeyCode.pasteEnd)] + chars("x")
        XCTAssertEqual(decode(inputs), [.paste("hello\tworld"), .key(.character("x"))])
    }

    func testPasteNormalisesCRAndCRLF() {
        let inputs: [RawInput] = [.keyCode(CursesKeyCode.pasteStart)] + chars("a\r\nb\rc\nd\r\r\n")
            + [.keyCode(CursesKeyCode.pasteEnd)]
        XCTAssertEqual(decode(inputs), [.paste("a\nb\nc\nd\n\n")])
    }

    func testPasteSplitAcrossTwoDrains() {
        var decoder = KeyDecoder()
        let first = decode(chars("x") + [.keyCode(CursesKeyCode.pasteStart)] + chars("line one\r"), with: &decoder)
        XCTAssertEqual(first, keys(.character("x")))
        XCTAssertTrue(decoder.isInsidePaste)
        let second = decode(chars("\nline two") + [.keyCode(CursesKeyCode.pasteEnd)] + [.char(13)], with: &decoder)
        XCTAssertEqual(second, [.paste("line one\nline two"), .key(.enter)])
        XCTAssertFalse(decoder.isInsidePaste)
    }

    func testPasteKeepsControlCharactersAndEscapeAsText() {
        // A paste is data, not keys: Ctrl+C, ESC and a key code inside it must not act.
        let inputs: [RawInput] = [.keyCode(CursesKeyCode.pasteStart), .char(3), .char(27), .keyCode(CursesKeyCode.up)]
            + chars("[2J") + [.keyCode(CursesKeyCode.pasteEnd)]
        XCTAssertEqual(decode(inputs), [.paste("\u{3}\u{1B}[2J")])
    }

    func testPasteEnterKeyCodeBecomesNewline() {
        let inputs: [RawInput] = [.keyCode(CursesKeyCode.pasteStart)] + chars("a")
            + [.keyCode(CursesKeyCode.enter)] + chars("b") + [.keyCode(CursesKeyCode.pasteEnd)]
        XCTAssertEqual(decode(inputs), [.paste("a\nb")])
    }

    func testRawPasteMarkersWhenNcursesDidNotTranslateThem() {
        let inputs: [RawInput] = [.char(27)] + chars("[200~") + chars("pasted é 日本") + [.char(27)] + chars("[201~") + chars("z")
        XCTAssertEqual(decode(inputs), [.paste("pasted é 日本"), .key(.character("z"))])
    }

    func testRawPasteMarkersSplitAcrossDrains() {
        var decoder = KeyDecoder()
        XCTAssertEqual(decode([.char(27)] + chars("[200~") + chars("one"), with: &decoder), [])
        XCTAssertEqual(decode(chars(" two") + [.char(27)] + chars("[201~"), with: &decoder), [.paste("one two")])
    }

    func testEmptyPaste() {
        XCTAssertEqual(decode([.keyCode(CursesKeyCode.pasteStart), .keyCode(CursesKeyCode.pasteEnd)]), [.paste("")])
    }

    func testPasteEndWithoutStartIsIgnored() {
        XCTAssertEqual(decode([.keyCode(CursesKeyCode.pasteEnd)] + chars("a")), keys(.character("a")))
        XCTAssertEqual(decode([.char(27)] + chars("[201~") + chars("b")), keys(.character("b")))
    }

    func testPasteFlushesTextTypedBeforeIt() {
        let inputs: [RawInput] = chars("ab") + [.keyCode(CursesKeyCode.pasteStart)] + chars("c") + [.keyCode(CursesKeyCode.pasteEnd)]
        XCTAssertEqual(decode(inputs), [.key(.character("a")), .key(.character("b")), .paste("c")])
    }

    // MARK: Bytes (what `wgetch` returns)

    private func bytes(_ text: String) -> [RawInput] {
        text.utf8.map { .byte($0) }
    }

    func testMultiByteCharactersSplitBetweenDrainsWaitForTheirLastByte() {
        var decoder = KeyDecoder()
        var events: [InputEvent] = []
        for input in bytes("日é😀a") { events += decode([input], with: &decoder) }
        XCTAssertEqual(events, keys(.character("日"), .character("é"), .character("😀"), .character("a")))
    }

    func testBrokenUTF8BecomesAReplacementCharacterNotSilence() {
        XCTAssertEqual(decode([.byte(0xE6), .byte(0x41), .byte(0xFF), .byte(0x42)]),
                       keys(.character("\u{FFFD}"), .character("A"), .character("\u{FFFD}"), .character("B")))
        // A key code that cuts a character short.
        XCTAssertEqual(decode([.byte(0xE6), .byte(0x97), .keyCode(CursesKeyCode.up)]), keys(.character("\u{FFFD}"), .up))
    }

    func testEscapeSequencesInBytesStillDecode() {
        XCTAssertEqual(decode(bytes("\u{1B}[A\u{1B}x")), keys(.up, .alt("x")))
    }

    /// The fault of the issue: a megabyte paste lost characters where the terminal's pieces
    /// cut a character. Every split, of every piece size, must give back the text exactly.
    func testMixedPasteSplitIntoDrainsAtOddByteBoundariesArrivesWhole() {
        let text = MixedText.generate(byteCount: 256 * 1024, seed: 7)
        let sent = Array(text.replacingOccurrences(of: "\n", with: "\r").utf8)
        var random = SplitMix64(seed: 11)
        var decoder = KeyDecoder()
        var events = decode(chars("a") + [.keyCode(CursesKeyCode.pasteStart)], with: &decoder)
        var offset = 0
        while offset < sent.count {
            let length = min(sent.count - offset, Int(random.next() % 4093) | 1)
            events += decode(sent[offset..<(offset + length)].map { .byte($0) }, with: &decoder)
            offset += length
        }
        events += decode([.keyCode(CursesKeyCode.pasteEnd)] + bytes("b"), with: &decoder)
        XCTAssertEqual(events.count, 3)
        XCTAssertEqual(events.first, .key(.character("a")))
        XCTAssertEqual(events.last, .key(.character("b")))
        guard case let .paste(pasted) = events[1] else { return XCTFail("no paste: \(events[1])") }
        XCTAssertEqual(pasted.utf8.count, text.utf8.count)
        XCTAssertTrue(pasted == text, "the paste differs from what was sent")
    }

    /// The paste's body read in large chunks (`decode(pasteChunk:)`), the raw end marker cut
    /// between two chunks, keys typed after it in the same chunk.
    func testPasteChunksWithTheEndMarkerSplitAndKeysAfterIt() {
        let text = MixedText.generate(byteCount: 64 * 1024, seed: 3)
        let sent = Array(text.utf8) + Array("\u{1B}[201~x\u{1B}[B".utf8)
        for cut in [1, 2, 3, 4, 5, 6, 7, 997] {
            var decoder = KeyDecoder()
            XCTAssertEqual(decode([.keyCode(CursesKeyCode.pasteStart)], with: &decoder), [])
            let split = text.utf8.count + 6 - cut
            var events = decoder.decode(pasteChunk: sent[..<split], screenSize: size)
            XCTAssertEqual(events, [], "cut \(cut)")
            events += decoder.decode(pasteChunk: sent[split...], screenSize: size)
            XCTAssertEqual(events, [.paste(text), .key(.character("x")), .key(.down)], "cut \(cut)")
            XCTAssertFalse(decoder.isInsidePaste)
        }
    }
}
