import Foundation
import StreamProtocol
import XCTest

/// docs/fields.md holds the table generated from the field table, exactly.
/// `make fields-doc` (FIELDS_DOC_WRITE=1) rewrites it instead of comparing.
final class FieldsDocumentTests: XCTestCase {
    static let begin = "<!-- generated: make fields-doc, from RequestField.all (a test compares) -->\n"
    static let end = "\n<!-- end generated -->"

    func testDocsFieldsHoldsTheGeneratedTableExactly() throws {
        try checkGeneratedSection(of: "docs/fields.md", is: FieldsDocument.markdown)
    }

    func testConfigurationsDefaultsTableIsGenerated() throws {
        try checkGeneratedSection(of: "docs/configuration.md", is: FieldsDocument.defaultsMarkdown)
    }

    func testAsksFlagTableIsGenerated() throws {
        try checkGeneratedSection(of: "docs/ask.md", is: FieldsDocument.askMarkdown)
    }

    private func checkGeneratedSection(of path: String, is expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent(path)
        let doc = try String(contentsOf: url, encoding: .utf8)
        guard let start = doc.range(of: Self.begin), let stop = doc.range(of: Self.end, range: start.upperBound..<doc.endIndex) else {
            return XCTFail("\(path) has lost its generated section markers", file: file, line: line)
        }
        if ProcessInfo.processInfo.environment["FIELDS_DOC_WRITE"] == "1" {
            try (String(doc[..<start.upperBound]) + expected + String(doc[stop.lowerBound...])).write(to: url, atomically: true, encoding: .utf8)
            return
        }
        XCTAssertEqual(String(doc[start.upperBound..<stop.lowerBound]), expected, "regenerate with: make fields-doc", file: file, line: line)
    }

    func testEveryRowIsARowOfTheDocument() {
        let markdown = FieldsDocument.markdown
        for field in RequestField.all {
            XCTAssertTrue(markdown.contains("| `\(field.id)` |"), field.id)
            XCTAssertTrue(markdown.contains("`\(field.ask.name)`"), field.ask.name)
        }
    }
}
