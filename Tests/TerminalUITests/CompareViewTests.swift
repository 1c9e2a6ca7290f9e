import ChatCore
import Deterministic
import SnapshotTesting
import StreamProtocol
import XCTest
@testable import TerminalUI

/// The compare screen as text snapshots: the setup, two, three and four columns at 120 and 200
/// columns, and the tab form below 100; and the columns' layout caches drawing exactly what a
/// fresh renderer draws while every column streams.
final class CompareViewTests: XCTestCase {
    private let profile = Profile(
        name: "local", baseURL: "http://127.0.0.1:8080", dialect: .prem, projectID: 1, defaultModel: "local-echo")

    private func key(_ key: Key, _ now: Int64 = 1_000, _ id: String = "k") -> Action {
        .keyPressed(key, Stamp(nowMillis: now, freshID: id, random: 0))
    }

    /// The setup open on "Explain monads" with `sweep` typed. Setup only: the reducer's steps
    /// are asserted in ChatCoreTests (CompareTests); these tests look at what is drawn.
    private func givenCompareSetup(_ sweep: String, width: Int, height: Int) -> AppState {
        var state = AppState(profile: profile, terminalWidth: width, terminalHeight: height)
        for c in "Explain monads briefly" { _ = reduce(&state, key(.character(c))) }
        _ = reduce(&state, key(.control("g")))
        for c in sweep { _ = reduce(&state, key(.character(c))) }
        return state
    }

    /// `sweep` sent; the columns mid-reply in every state a column can be in: streaming
    /// Markdown, finished, waiting to retry after a 429, failed. Setup only, as above.
    private func givenCompareRunning(_ sweep: String, width: Int, height: Int) -> AppState {
        var state = givenCompareSetup(sweep, width: width, height: height)
        _ = reduce(&state, key(.enter, 1_000, "C1"))
        let ids = state.compare.run?.columns.map(\.stream.requestID) ?? []
        let texts = [
            "A **monad** wraps a value with a context:\n\n```swift\nlet x = Optional(1).flatMap { $0 + 1 }\n```\n\nThen `flatMap` chains steps",
            "Think of a monad as a *pipeline* where each stage may fail, branch or log.",
            "Monads: unit and bind, obeying three laws.",
            "",
        ]
        for (index, id) in ids.enumerated() {
            _ = reduce(&state, .streamReceived(id, [.model("local-echo"), .content(texts[index])], nowMillis: 1_200 + Int64(index) * 100))
        }
        if ids.count > 1 { _ = reduce(&state, .streamReceived(ids[1], [.done(StreamCompletion())], nowMillis: 2_000)) }
        if ids.count > 2 {
            let retry = RetryNotice(attempt: 1, maxAttempts: 3, delayMillis: 3_000, fromRetryAfter: true,
                                    reason: APIError(status: 429, code: "RateLimitError", message: "Too many requests"))
            _ = reduce(&state, .streamRetrying(ids[2], retry, nowMillis: 2_100))
        }
        if ids.count > 3 {
            _ = reduce(&state, .streamClosed(ids[3], failure: APIError(status: 500, message: "upstream failed"), nowMillis: 2_200))
        }
        _ = reduce(&state, .clockTicked(nowMillis: 2_500))
        return state
    }

    private func text(_ state: AppState) -> String {
        ScreenRenderer().render(state).textLines().joined(separator: "\n")
    }

    func testSetupShowsTheColumnsTheSweepMakesOrWhyItMakesNone() {
        assertSnapshot(of: text(givenCompareSetup("temperature=0.2,1.4 top_p=0.5 | seed=7", width: 120, height: 30)), as: .lines, named: "valid")
        assertSnapshot(of: text(givenCompareSetup("temperature=0.2,2.5", width: 120, height: 30)), as: .lines, named: "invalid")
    }

    func testTwoThreeAndFourColumnsAt120And200() {
        let sweeps = [
            2: "temperature=0.2,1.4",
            3: "temperature=0.2,0.8,1.4",
            4: "temperature=0.2,1.4 top_p=0.5,1",
        ]
        for width in [120, 200] {
            for count in [2, 3, 4] {
                let state = givenCompareRunning(sweeps[count] ?? "", width: width, height: 24)
                XCTAssertEqual(state.compare.run?.columns.count, count)
                let screen = text(state)
                assertSnapshot(of: screen, as: .lines, named: "\(count)x\(width)")
                // Side by side: every column's label is on the first row under the title.
                let labels = screen.split(separator: "\n")[1]
                for index in 1...count { XCTAssertTrue(labels.contains(" \(index) "), "column \(index) in \(labels)") }
            }
        }
    }

    func testBelow100ColumnsTheColumnsAreTabs() {
        var state = givenCompareRunning("temperature=0.2,0.8,1.4", width: 90, height: 20)
        assertSnapshot(of: text(state), as: .lines, named: "first")
        XCTAssertEqual(reduce(&state, key(.right)), [])
        XCTAssertEqual(reduce(&state, key(.right)), [])
        let third = text(state)
        assertSnapshot(of: third, as: .lines, named: "third")
        XCTAssertTrue(third.contains("retry 1/3 in 3s"), "the selected tab's figures: its retry countdown")
    }

    func testHelpOverCompareLeadsWithTheCompareKeys() {
        var state = givenCompareRunning("temperature=0.2,1.4", width: 120, height: 30)
        XCTAssertEqual(reduce(&state, key(.character("?"))), [])
        let lines = text(state).split(separator: "\n")
        XCTAssertTrue(lines[1].contains("Help") && lines[2].contains("Compare"), lines.prefix(4).joined(separator: "\n"))
        XCTAssertTrue(lines[3...].prefix(4).contains { $0.contains("the previous column") }, lines.joined(separator: "\n"))
    }

    func testWithTheMouseOnTheFrameMapsEachColumnAndEachTab() {
        var state = givenCompareRunning("temperature=0.2,0.8,1.4", width: 120, height: 24)
        state.screen.mouseEnabled = true
        let renderer = ScreenRenderer()
        let grid = renderer.render(state)
        let areas = renderer.lastReport.screenMap.compareColumns
        XCTAssertEqual(areas.map(\.column), [0, 1, 2])
        for area in areas {
            // Each column's label is drawn at the top left of its area.
            let row = grid.textLines()[area.area.y]
            let label = " \(area.column + 1) "
            XCTAssertEqual(String(Array(row)[area.area.x..<(area.area.x + label.count)]), label, row)
        }
        state.screen.terminalWidth = 90
        let tabs = renderer.render(state).textLines()
        let tabAreas = renderer.lastReport.screenMap.compareColumns
        XCTAssertEqual(Set(tabAreas.map(\.column)), [0, 1, 2])
        for area in tabAreas where area.area.height == 1 {
            let text = String(Array(tabs[area.area.y])[area.area.x..<(area.area.x + area.area.width)])
            XCTAssertTrue(text.hasPrefix(" \(area.column + 1) "), text)
        }
        state.screen.mouseEnabled = false
        _ = renderer.render(state)
        XCTAssertEqual(renderer.lastReport.screenMap, ScreenMap())
    }

    func testTheFrameReportsEachColumnsRows() {
        let state = givenCompareRunning("temperature=0.2,1.4", width: 120, height: 24)
        let renderer = ScreenRenderer()
        _ = renderer.render(state)
        let metrics = renderer.lastReport.compareColumns
        XCTAssertEqual(metrics.count, 2)
        XCTAssertEqual(metrics.map(\.viewportRows), [24 - 1 - 2 - CompareColumnsView.headerRows, 24 - 1 - 2 - CompareColumnsView.headerRows])
        XCTAssertGreaterThan(metrics[0].totalRows, metrics[1].totalRows, "the first reply has a code block")
    }

    /// The columns keep a layout per reply across frames; after any mix of deltas, keys, ticks
    /// and resizes, a kept renderer draws what a fresh one draws.
    func testIncrementalFramesEqualFreshRendersWhileEveryColumnStreams() {
        let words = ["monad ", "**bind** ", "`unit` ", "\n\n", "- law\n", "```\ncode\n```\n", "日本語 ", "tail"]
        let keys: [Key] = [.left, .right, .up, .down, .pageUp, .pageDown, .home, .end, .character("s"), .character("x")]
        let sizes = [(120, 30), (200, 40), (90, 24), (100, 20)]
        for seed in UInt64(1)...3 {
            var random = SplitMix64(seed: seed)
            var state = givenCompareRunning("temperature=0.2,1.4 top_p=0.5,1", width: 120, height: 30)
            let kept = ScreenRenderer()
            var now: Int64 = 3_000
            for step in 0..<200 {
                now += 7
                let roll = random.next() % 10
                let ids = state.compare.run?.columns.map(\.stream.requestID) ?? []
                switch roll {
                case 0: _ = reduce(&state, key(keys[Int(random.next() % UInt64(keys.count))], now))
                case 1: _ = reduce(&state, .clockTicked(nowMillis: now))
                case 2:
                    let (w, h) = sizes[Int(random.next() % UInt64(sizes.count))]
                    _ = reduce(&state, .terminalResized(width: w, height: h))
                default:
                    let id = ids[Int(random.next() % UInt64(ids.count))]
                    _ = reduce(&state, .streamReceived(id, [.content(words[Int(random.next() % UInt64(words.count))])], nowMillis: now))
                }
                let frame = kept.render(state)
                _ = reduce(&state, .frameReported(kept.lastReport))
                XCTAssertEqual(frame, ScreenRenderer().render(state), "seed \(seed), step \(step)")
            }
        }
    }
}
