import Foundation
import XCTest

/// Issue 22, item 5: a reducer test asserts every effect the reducer returns. This reads the
/// test sources and finds the steps that throw the effects away (`_ = reduce(`, `_ = press(`,
/// `_ = apply(` anywhere in a line, or `apply(&…)`, `press(&…)`, `typeValue(&…)` as a statement).
/// Only setup helpers may do that, named so (`setUp…`, `given…`) and documented: they bring
/// the state to where a test starts, and what they do is asserted by the tests of those steps.
/// The steps not converted yet are counted per file below; the count may fall, never rise,
/// so a new test goes through the exhaustive `TestStore` (Support/TestStore.swift).
final class DiscardedEffectsGuardTests: XCTestCase {
    /// Discarding steps left per file (outside setup helpers), when this guard was written.
    /// Lower a number when you convert steps; never raise one.
    static let remaining: [String: Int] = [
        // A randomised run drives the reducer to arbitrary states to compare incremental frames
        // with fresh ones: what each random step returns is not what it checks.
        "TerminalUITests/CompareViewTests.swift": 5,
    ]

    func testNoNewTestThrowsTheReducersEffectsAway() throws {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var found: [String: [String]] = [:]
        for folder in ["ChatCoreTests", "TerminalUITests"] {
            let root = tests.appendingPathComponent(folder)
            let files = try XCTUnwrap(FileManager.default.enumerator(atPath: root.path)).compactMap { $0 as? String }
            for file in files where file.hasSuffix(".swift") && file != "Support/DiscardedEffectsGuardTests.swift" {
                let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
                let steps = Self.discardingSteps(in: text)
                if !steps.isEmpty { found[folder + "/" + file] = steps }
            }
        }
        XCTAssertFalse(found.isEmpty, "the sources were read")
        for (file, steps) in found.sorted(by: { $0.key < $1.key }) {
            let allowed = Self.remaining[file] ?? 0
            XCTAssertLessThanOrEqual(
                steps.count, allowed,
                "\(file) throws the reducer's effects away in \(steps.count) step(s), \(allowed) allowed: "
                    + "assert them with TestStore, or move setup into a documented setUp…/given… helper.\n"
                    + steps.joined(separator: "\n"))
        }
    }

    /// The detector itself: what counts, and what a setup helper may do.
    func testWhatCountsAsADiscardingStep() {
        let text = """
            func testSomething() {
                _ = reduce(&state, .x)
                apply(&state, [.x])
                typeValue(&state, .seed, "1")
                _ = press(&state, .up)
                press(&state, .down)
                for c in "ab" { _ = reduce(&state, .key(c)) }
                XCTAssertEqual(press(&state, .up), [])
                let effects = apply(&state, [.x])
                store.send(.x)
            }
            /// Setup only.
            func givenAnOpenSession() -> AppState {
                apply(&state, [.x])
                _ = reduce(&state, .x)
            }
            private func setUpStreaming(_ state: inout AppState) {
                apply(&state, [.x])
            }
            """
        XCTAssertEqual(Self.discardingSteps(in: text).count, 6)
    }

    /// The lines of `text` that throw a reducer step's effects away outside a setup helper.
    static func discardingSteps(in text: String) -> [String] {
        var function = ""
        var steps: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if let range = line.range(of: "func ") {
                function = String(line[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" })
            }
            guard !function.hasPrefix("setUp"), !function.hasPrefix("given") else { continue }
            // `_ = step(` anywhere (`for c in text { _ = reduce(… }` too); a bare call as a statement.
            let thrownAway = ["_ = reduce(", "_ = press(", "_ = apply(", "_ = typeValue("]
            let bare = ["apply(&", "press(&", "typeValue(&"]
            if thrownAway.contains(where: { line.contains($0) }) || bare.contains(where: { trimmed.hasPrefix($0) }) {
                steps.append("  " + trimmed)
            }
        }
        return steps
    }
}
