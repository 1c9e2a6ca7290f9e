import XCTest
@testable import CursesTerminal

final class ClipboardSequenceTests: XCTestCase {
    func testOSC52BytesExactly() throws {
        XCTAssertEqual(try ClipboardSequence.bytes(copying: "hello", insideTmux: false), "\u{1B}]52;c;aGVsbG8=\u{1B}\\")
        XCTAssertEqual(try ClipboardSequence.bytes(copying: "", insideTmux: false), "\u{1B}]52;c;\u{1B}\\")
        // UTF-8, then base64 (RFC 4648 with padding): "é✓" is C3 A9 E2 9C 93.
        XCTAssertEqual(try ClipboardSequence.bytes(copying: "é✓", insideTmux: false), "\u{1B}]52;c;w6ninJM=\u{1B}\\")
    }

    func testEscapesInTheTextCannotReachTheTerminal() throws {
        let hostile = "a\u{1B}]52;c;ZXZpbA==\u{07}\u{1B}[2J\u{9B}b"
        let bytes = try ClipboardSequence.bytes(copying: hostile, insideTmux: false)
        let payload = bytes.dropFirst("\u{1B}]52;c;".count).dropLast(2)
        XCTAssertFalse(payload.unicodeScalars.contains { $0.value < 0x20 || $0.value >= 0x7F }, String(payload))
        XCTAssertEqual(Data(base64Encoded: String(payload)).map { String(decoding: $0, as: UTF8.self) }, hostile)
    }

    func testInsideTmuxAlsoSendsThePassthroughWithEscapesDoubled() throws {
        let plain = "\u{1B}]52;c;aGk=\u{1B}\\"
        XCTAssertEqual(
            try ClipboardSequence.bytes(copying: "hi", insideTmux: true),
            plain + "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;aGk=\u{1B}\u{1B}\\\u{1B}\\")
    }

    func testTooLargeIsRefusedWithASentence() {
        let limitText = String(repeating: "x", count: ClipboardSequence.maximumEncodedBytes / 4 * 3)
        XCTAssertNoThrow(try ClipboardSequence.bytes(copying: limitText, insideTmux: false))
        XCTAssertThrowsError(try ClipboardSequence.bytes(copying: limitText + "xyz", insideTmux: false)) { error in
            XCTAssertEqual(error as? ClipboardSequence.Failure, .tooLarge(textBytes: limitText.utf8.count + 3))
            XCTAssertEqual("\(error)", "Not copied: 769 KiB is more than terminals take through OSC 52 (about 768 KiB).")
        }
    }
}
