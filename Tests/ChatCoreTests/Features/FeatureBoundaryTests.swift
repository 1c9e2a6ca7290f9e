import Foundation
import XCTest

/// The feature folders are rooms: a feature's code sees its own state, the `FeatureContext` the
/// root lends it, and values passed in, never the whole `AppState`. This reads the sources, so a
/// function that takes `inout AppState` cannot creep back into a feature folder unnoticed; work
/// that spans features belongs to the root (`App/`).
final class FeatureBoundaryTests: XCTestCase {
    private let features = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/ChatCore/Features")

    func testNoFeatureFolderNamesAppState() throws {
        let files = try swiftFiles(under: features)
        XCTAssertGreaterThan(files.count, 30, "the feature folders were found")
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for (number, line) in lines.enumerated() where Self.namesAppState(line) {
                XCTFail("\(file.path.replacingOccurrences(of: features.path + "/", with: "")):\(number + 1) names AppState: \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
    }

    func testTheCheckFindsAnAppStateParameterAndIgnoresComments() {
        XCTAssertTrue(Self.namesAppState("func send(_ state: inout AppState) -> [Effect] {"))
        XCTAssertTrue(Self.namesAppState("extension AppState {"))
        XCTAssertFalse(Self.namesAppState("/// The root (`AppState`) answers this delegate."))
        XCTAssertFalse(Self.namesAppState("let appStateless = 1"))
    }

    /// A code line (not a comment) that names the type.
    static func namesAppState(_ line: Substring) -> Bool {
        let code = line.components(separatedBy: "//")[0]
        return code.range(of: #"\bAppState\b"#, options: .regularExpression) != nil
    }

    private func swiftFiles(under folder: URL) throws -> [URL] {
        guard let walk = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return walk.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
    }
}
