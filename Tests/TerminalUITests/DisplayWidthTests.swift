#if canImport(Glibc)
import Glibc
#endif
import XCTest
@testable import TerminalUI

final class DisplayWidthTests: XCTestCase {
    /// The generated table must equal glibc's wcwidth under C.UTF-8 for every scalar, since that
    /// is what ncurses advances the cursor by.
    func testTableMatchesGlibcWcwidthForEveryScalar() throws {
        #if canImport(Glibc)
        let previous = setlocale(LC_ALL, nil).map { String(cString: $0) }
        _ = try XCTUnwrap(setlocale(LC_ALL, "C.UTF-8"), "the C.UTF-8 locale must exist (Debian ships it)")
        defer { _ = previous.map { setlocale(LC_ALL, $0) } }
        // Glibc's module map hides wcwidth (an XSI extension), so look it up at run time.
        let libc = try XCTUnwrap(dlopen(nil, RTLD_NOW))
        let symbol = try XCTUnwrap(dlsym(libc, "wcwidth"))
        typealias WcwidthFunction = @convention(c) (Int32) -> Int32
        let wcwidth = unsafeBitCast(symbol, to: WcwidthFunction.self)
        var mismatches: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }  // surrogates
            let expected = Int(wcwidth(Int32(bitPattern: value)))
            let actual = DisplayWidth.of(scalar)
            if expected != actual && mismatches.count < 10 {
                mismatches.append(String(format: "U+%04X libc %d table %d", value, expected, actual))
            }
        }
        XCTAssertEqual(mismatches, [])
        #else
        XCTFail("the width table is defined against glibc")
        #endif
    }

    func testKnownWidths() {
        XCTAssertEqual(DisplayWidth.of("a"), 1)
        XCTAssertEqual(DisplayWidth.of("中"), 2)
        XCTAssertEqual(DisplayWidth.of("\u{301}"), 0)
        XCTAssertEqual(DisplayWidth.of("\u{1B}"), -1)
        XCTAssertEqual(DisplayWidth.of("😀"), 2)
        XCTAssertEqual(DisplayWidth.of("\u{10FFFF}"), -1)
    }
}
