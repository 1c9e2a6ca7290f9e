import XCTest
import ChatCore

/// The help overlay's list and docs/keys.md describe the same keys.
final class KeyBindingsDocTests: XCTestCase {
    func testEveryKeyInTheHelpIsDocumented() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/keys.md"), encoding: .utf8)
        for binding in KeyBindings.help {
            for key in binding.keys.components(separatedBy: ", ") {
                XCTAssertTrue(doc.contains(key), "docs/keys.md does not mention \(key) (\(binding.keys))")
            }
        }
    }
}
