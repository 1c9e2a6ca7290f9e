import ChatCore
import SnapshotTesting
import StreamProtocol
import XCTest
@testable import TerminalUI

/// The tools overlay (servers, their tools with a switch each, notes, keys) and the status
/// line while a tool call waits or runs, as text snapshots.
final class ToolsOverlayTests: XCTestCase {
    static let sessionID = "6f1c2a9e-5d7b-4c1e-9a3f-0b8d7e6c5a41"

    static let servers: [ToolServerStatus] = [
        ToolServerStatus(name: "files", phase: .running, tools: [
            ToolSpec(server: "files", name: "read_file", description: "Read a text file under the notes folder", inputSchemaJSON: "{}"),
            ToolSpec(server: "files", name: "write_file", description: "Write a file\nSecond line is not shown", inputSchemaJSON: "{}"),
            ToolSpec(server: "files", name: "list", description: "List a folder \u{1B}[2J\u{1B}]52;c;aGk=\u{07}", inputSchemaJSON: "{}"),
        ], logPath: "/home/me/.local/share/chatterm/mcp/files.log"),
        ToolServerStatus(name: "crashy", phase: .failed(lastLine: "Error: cannot find module 'x' \u{1B}[31m"),
                         logPath: "/home/me/.local/share/chatterm/mcp/crashy.log"),
        ToolServerStatus(name: "slow", phase: .restarting(lastLine: "panic: lost the pipe")),
        ToolServerStatus(name: "web", phase: .starting),
    ]

    private func state(
        profile: Profile = ScreenFixtures.openAIProfile, servers: [ToolServerStatus] = ToolsOverlayTests.servers, selection: Int = 2,
        width: Int = 90, height: Int = 24
    ) -> AppState {
        var state = ScreenFixtures.parametersState(profile: profile, width: width, height: height)
        state.tools.servers = servers
        state.tools.switchedOff = [Self.sessionID: ["files__write_file"]]
        state.destination = .tools(ToolsOverlay(selection: selection))
        return state
    }

    private func text(_ state: AppState) -> String {
        ScreenRenderer().render(state).textLines().joined(separator: "\n")
    }

    func testServersWithToolsOneSwitchedOffAFailedOneARestartingOneAndAStartingOne() {
        let screen = text(state())
        assertSnapshot(of: screen, as: .lines)
        XCTAssertTrue(screen.contains("[ ] write_file"))
        XCTAssertTrue(screen.contains("[x] read_file"))
        XCTAssertTrue(screen.contains("failed: Error: cannot find module"))
        XCTAssertTrue(screen.contains("restarting: panic: lost the pipe"))
        XCTAssertTrue(screen.contains("running · 3 tools"))
        XCTAssertFalse(screen.contains("\u{1B}"))
    }

    func testTheSelectionIsHighlightedAndKeptInViewInAShortOverlay() {
        let renderer = ScreenRenderer()
        let many = ToolServerStatus(name: "many", phase: .running, tools: (1...9).map {
            ToolSpec(server: "many", name: "tool_\($0)", description: "Tool number \($0)", inputSchemaJSON: "{}")
        })
        var short = state(servers: Self.servers + [many], selection: 15, height: 14)
        short.tools.switchedOff[Self.sessionID, default: []].insert("many__tool_8")
        let grid = renderer.render(short)
        assertSnapshot(of: grid.textLines().joined(separator: "\n") + "\n\n" + grid.roleLines().joined(separator: "\n"), as: .lines)
        let report = renderer.lastReport.overlay
        XCTAssertEqual(report.totalRows, 17)
        XCTAssertEqual(report.viewportRows, 9)
        XCTAssertEqual(report.firstVisibleRow, 7, "the selection (row 15) is the second-to-last row shown")
    }

    func testAPremProfileSaysToolsNeedAnOpenAIProfile() {
        let screen = text(state(profile: ScreenFixtures.premProfile))
        assertSnapshot(of: screen, as: .lines)
        XCTAssertTrue(screen.contains("MCP tools need an openai profile"))
    }

    func testWithNoServersTheOverlaySaysHowToAddOne() {
        let screen = text(state(servers: [], selection: 0))
        assertSnapshot(of: screen, as: .lines)
        XCTAssertTrue(screen.replacingOccurrences(of: "│", with: "").contains("add an [mcp.NAME] table"))
    }

    func testTheStatusLineNamesTheApprovalKeysThenTheRunningTime() {
        var waiting = ScreenFixtures.parametersState(profile: ScreenFixtures.openAIProfile, width: 120, height: 24)
        waiting.tools.servers = Array(Self.servers.prefix(1))
        waiting.conversation.messages.append(ToolBlockTests.reply())
        waiting.tools.turn = ToolBlockTests.turn(.awaitingApproval)
        waiting.screen.focus = .conversation
        var elsewhere = waiting
        elsewhere.screen.focus = .composer
        var running = waiting
        running.tools.turn = ToolBlockTests.turn(.running(startedAtMillis: running.status.nowMillis - 3_240))
        let lines = [("awaiting", waiting), ("awaiting, message box focused", elsewhere), ("running", running)].map { label, state in
            label + ": " + (ScreenRenderer().render(state).textLines().last ?? "")
        }
        assertSnapshot(of: lines.joined(separator: "\n"), as: .lines)
        XCTAssertEqual(StatusHints.make(.init(waiting)).prefix(5), ["y run", "a always", "n refuse", "A run all", "Esc stop"])
        XCTAssertEqual(StatusHints.make(.init(running)).prefix(2), ["tool running 3.2 s", "Esc stop"])
    }

    /// Help (and docs/keys.md, made from the same order) lists every context of the keymap: the
    /// tool contexts were once left out of `KeymapDocument.order`, so F1 never showed y/a/n/A.
    func testHelpListsEveryKeyContext() {
        let headings = Set(KeymapDocument.helpRows(.defaults).filter(\.isHeading).map(\.text))
        for context in KeyContext.allCases {
            XCTAssertTrue(headings.contains(context.title), "help leaves out \(context.rawValue)")
        }
    }

    /// F1 with a call waiting in the focused conversation leads with the approval keys.
    func testHelpLeadsWithTheApprovalKeysWhileACallWaits() {
        var help = ScreenFixtures.parametersState(profile: ScreenFixtures.openAIProfile, width: 100, height: 30)
        help.tools.servers = Array(Self.servers.prefix(1))
        help.conversation.messages.append(ToolBlockTests.reply())
        help.tools.turn = ToolBlockTests.turn(.awaitingApproval)
        help.screen.focus = .conversation
        help.destination = .help(ScrollState())
        let screen = text(help)
        assertSnapshot(of: screen, as: .lines)
        XCTAssertTrue(screen.contains("Tool call approval"), screen)
    }
}
