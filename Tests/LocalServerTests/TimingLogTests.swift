import Foundation
import XCTest
@testable import LocalServer

/// The timing log's lines and the tool turnaround's arithmetic (the benchmark's figures).
final class TimingLogTests: XCTestCase {
    func testEventsRoundTripThroughTheirLines() {
        let events: [TimingEvent] = [
            .requestArrived(sequence: 3, nanoseconds: 1_000),
            .finishWritten(sequence: 3, reason: "tool_calls", nanoseconds: 2_000),
            .toolCall(name: "echo", start: 2_100, end: 2_600),
        ]
        let text = events.map(\.line).joined(separator: "\n") + "\n"
        XCTAssertEqual(text, "request 3 1000\nfinish 3 tool_calls 2000\ntool echo 2100 2600\n")
        XCTAssertEqual(TimingEvent.parse(text), events)
    }

    func testLinesThatAreNotEventsAreSkipped() {
        XCTAssertEqual(TimingEvent.parse("request 1 5\nrequest x 9\ntool echo 9 3\nfinish 2 stop\nrequ"), [.requestArrived(sequence: 1, nanoseconds: 5)])
    }

    func testTheFileAppendsALinePerEvent() throws {
        let path = NSTemporaryDirectory() + "/timing-\(UUID().uuidString)"
        defer { unlink(path) }
        let file = try TimingLogFile(path: path)
        file.append(.requestArrived(sequence: 1, nanoseconds: 7))
        file.append(.toolCall(name: "add", start: 8, end: 9))
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "request 1 7\ntool add 8 9\n")
        XCTAssertThrowsError(try TimingLogFile(path: "/nonexistent-dir/timing"))
    }

    func testTurnaroundIsTheGapAfterAToolCallsFinishMinusTheToolsOwnTime() {
        let events: [TimingEvent] = [
            .requestArrived(sequence: 1, nanoseconds: 100),
            .finishWritten(sequence: 1, reason: "tool_calls", nanoseconds: 1_000),
            .toolCall(name: "echo", start: 1_200, end: 1_500),
            .toolCall(name: "add", start: 1_600, end: 1_700),
            .requestArrived(sequence: 2, nanoseconds: 2_000),
            .finishWritten(sequence: 2, reason: "stop", nanoseconds: 2_500),
            // A later run's round: the tool call before the finish is not this round's.
            .toolCall(name: "echo", start: 2_600, end: 2_700),
            .requestArrived(sequence: 3, nanoseconds: 3_000),
            .finishWritten(sequence: 3, reason: "tool_calls", nanoseconds: 3_100),
            .requestArrived(sequence: 4, nanoseconds: 3_400),
            // A finish no request followed: no round.
            .finishWritten(sequence: 4, reason: "tool_calls", nanoseconds: 4_000),
        ]
        let rounds = ToolTurnaround.rounds(events)
        XCTAssertEqual(rounds, [
            ToolTurnaround.Round(sequence: 1, gapNanoseconds: 1_000, toolNanoseconds: 400),
            ToolTurnaround.Round(sequence: 3, gapNanoseconds: 300, toolNanoseconds: 0),
        ])
        XCTAssertEqual(rounds.map(\.turnaroundNanoseconds), [600, 300])
    }

    func testMedianAndNearestRankP95() {
        XCTAssertNil(ToolTurnaround.medianAndP95([]))
        XCTAssertTrue(ToolTurnaround.medianAndP95([5]).map { $0 == (5, 5) } ?? false)
        let twenty = (1...20).map { UInt64($0) }.shuffled()
        let summary = ToolTurnaround.medianAndP95(twenty)
        XCTAssertEqual(summary?.median, 10)  // (10 + 11) / 2 in whole nanoseconds
        XCTAssertEqual(summary?.p95, 19)  // rank ⌈0.95 × 20⌉ = 19
    }
}
