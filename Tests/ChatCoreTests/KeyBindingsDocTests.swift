import XCTest
import ChatCore

/// The help overlay's list and docs/keys.md describe the same keys.
final class KeyBindingsDocTests: XCTestCase {
    func testEveryKeyInTheHelpIsDocumented() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/keys.md"), encoding: .utf8)
        for binding in KeyBindings.help {
            for key in binding.keys.components(separatedBy: ", ") {
                let name = key.replacingOccurrences(of: " or j k", with: "").replacingOccurrences(of: ", Enter", with: "")
                for token in name.split(separator: " ") where token != "…" {
                    XCTAssertTrue(doc.contains(token), "docs/keys.md does not mention \(token) (\(binding.keys))")
                }
            }
        }
    }
}
