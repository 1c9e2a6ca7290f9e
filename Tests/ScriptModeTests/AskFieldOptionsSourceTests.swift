import Foundation
import ScriptMode
import XCTest

/// Sources/chatterm/AskFieldOptions.swift is exactly what the field table makes.
/// `make fields-doc` (FIELDS_DOC_WRITE=1) rewrites it instead of comparing.
final class AskFieldOptionsSourceTests: XCTestCase {
    func testTheGeneratedOptionsFileIsCurrent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("Sources/chatterm/AskFieldOptions.swift")
        let expected = AskFieldOptionsSource.text
        if ProcessInfo.processInfo.environment["FIELDS_DOC_WRITE"] == "1" {
            try expected.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let written = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        XCTAssertEqual(written, expected, "regenerate with: make fields-doc")
    }

    func testEveryFlagIsAnOptionWithItsRowsHelp() {
        let text = AskFieldOptionsSource.text
        XCTAssertTrue(text.contains(#"@Option(name: .customLong("presence-penalty"), parsing: .unconditional, help: ArgumentHelp("Presence penalty, -2 to 2.")) var presencePenalty: String?"#))
        XCTAssertTrue(text.contains(#"@Option(name: .customLong("stop"), parsing: .unconditionalSingleValue, "#))
        XCTAssertTrue(text.contains(#"@Option(name: .customLong("temperature"), help: "#), "0…2 needs no unconditional parsing")
        XCTAssertFalse(text.contains("\"--model\""), "the connection options declare --model")
    }
}
