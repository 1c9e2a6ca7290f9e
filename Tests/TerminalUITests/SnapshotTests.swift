import ChatCore
import SnapshotTesting
import StreamProtocol
import XCTest
@testable import TerminalUI

/// Whole screens composed from the widgets and `ScreenLayout`, compared as text.
final class SnapshotTests: XCTestCase {
    func testSampleScreen80x24() {
        let grid = SampleScreen.render(width: 80, height: 24, focused: .composer)
        assertSnapshot(of: grid.textLines().joined(separator: "\n"), as: .lines)
        // The caret follows the draft's last character ("to wrap" on the composer's second row).
        XCTAssertEqual(grid.cursor.map { [$0.x, $0.y] }, [24, 21])
    }

    func testSampleScreen80x24RoleMap() {
        let grid = SampleScreen.render(width: 80, height: 24, focused: .composer)
        assertSnapshot(of: grid.roleLines().joined(separator: "\n"), as: .lines)
    }

    func testSampleScreen40x12() {
        assertSnapshot(of: SampleScreen.render(width: 40, height: 12, focused: .composer).textLines().joined(separator: "\n"), as: .lines)
    }

    func testSampleScreen40x12WithSessionsFocused() {
        assertSnapshot(of: SampleScreen.render(width: 40, height: 12, focused: .sessions).textLines().joined(separator: "\n"), as: .lines)
    }

    func testTooSmallScreen() {
        assertSnapshot(of: SampleScreen.render(width: 39, height: 12, focused: .composer).textLines().joined(separator: "\n"), as: .lines)
    }

    func testFocusedAndUnfocusedBoxRoleMap() {
        var grid = CellGrid(width: 24, height: 4)
        grid.box(Rect(x: 0, y: 0, width: 12, height: 4), title: "Chat", focused: true)
        grid.box(Rect(x: 12, y: 0, width: 12, height: 4), title: "Sessions", focused: false)
        grid.put("中文", x: 2, y: 1, role: .assistantText, clip: grid.bounds)
        grid.put("a\u{1B}b", x: 14, y: 1, role: .userText, clip: grid.bounds)
        let text = grid.textLines().joined(separator: "\n")
        assertSnapshot(of: text + "\n\n" + grid.roleLines().joined(separator: "\n"), as: .lines)
    }
}

/// A screen like the app's, built only from TerminalUI's widgets with sample values.
enum SampleScreen {
    static let messages: [Message] = [
        Message(id: "1", role: .user, content: "Summarise this in Chinese and add an emoji 🙂", createdAtMillis: 0),
        Message(id: "2", role: .assistant, content: "好的：这是一个终端聊天客户端。🚀 It wraps CJK text by display width.",
                createdAtMillis: 0, model: "llama-3.1-8b"),
        Message(id: "3", role: .user, content: "Now print \u{1B}[2J and an OSC 52 \u{1B}]52;c;aGk=\u{07} please", createdAtMillis: 0),
        Message(id: "4", role: .assistant, content: "", createdAtMillis: 0, status: .failed,
                error: APIError(status: 429, code: "rate_limited", message: "Too many requests", details: "retry in 20s")),
        Message(id: "5", role: .assistant, content: "Streaming a reply with 👨‍👩‍👧 family emoji", createdAtMillis: 0,
                status: .streaming, model: "gpt-4o"),
    ]
    static let sessions: [SessionSummary] = [
        SessionSummary(id: "a", title: "Rust lifetimes explained", createdAtMillis: 0, updatedAtMillis: 0),
        SessionSummary(id: "b", title: "", createdAtMillis: 0, updatedAtMillis: 0),
        SessionSummary(id: "c", title: "中文翻译练习", createdAtMillis: 0, updatedAtMillis: 0),
    ]
    static let sliders: [SliderModel] = [
        SliderModel(label: "Temperature", valueText: "0.70", fraction: 0.35),
        SliderModel(label: "Top P", valueText: nil, fraction: nil),
        SliderModel(label: "Max tokens", valueText: "1024", fraction: 0.25),
    ]

    static func render(width: Int, height: Int, focused: Pane) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        let draft = "Draft with 中文 and 🙂 that is long enough to wrap"
        guard let layout = ScreenLayout.compute(
            width: width, height: height, focused: focused, composerMaxLines: 3,
            composerLines: { ComposerView.lineCount(text: draft, caret: draft.count, width: $0) }
        ) else {
            TooSmallNotice.draw(into: &grid, minimumWidth: ScreenLayout.minimumWidth, minimumHeight: ScreenLayout.minimumHeight)
            return grid
        }
        if let rect = layout.sessions {
            grid.box(rect, title: "Sessions", focused: focused == .sessions)
            SessionListView.draw(into: &grid, rect: rect.inset(by: 1), sessions: sessions,
                                 timestamps: ["2m", "1h", "Tue"], selectedIndex: 0, focused: focused == .sessions)
        }
        if let rect = layout.conversation {
            grid.box(rect, title: "Conversation", focused: focused == .conversation)
            let conversation = ConversationLayout()
            conversation.update(messages: messages)
            conversation.draw(into: &grid, rect: rect.inset(by: 1), scrollOffsetFromBottom: 0)
        }
        if let rect = layout.parameters {
            grid.box(rect, title: "Parameters", focused: focused == .parameters)
            SliderView.drawList(into: &grid, rect: rect.inset(by: 1), sliders: sliders, selectedIndex: 0,
                                focused: focused == .parameters)
        }
        grid.box(layout.composer, title: "Message", focused: focused == .composer)
        ComposerView.draw(into: &grid, rect: layout.composer.inset(by: 1), text: draft, caret: draft.count,
                          placeholder: "Type a message", focused: focused == .composer)
        StatusLineView.draw(into: &grid, rect: layout.statusLine,
                            left: [StatusSegment("prem · api.premai.io"), StatusSegment("gpt-4o"),
                                   StatusSegment("streaming…", role: .statusAccent)],
                            right: ["F1 help", "Ctrl+C quit"])
        return grid
    }
}

extension CellGrid {
    /// One character per cell naming its role, for role-map snapshots.
    func roleLines() -> [String] {
        (0..<height).map { y in
            String((0..<width).map { x in SnapshotLegend.symbol(for: self[x, y].role) })
        }
    }
}

enum SnapshotLegend {
    static func symbol(for role: StyleRole) -> Character {
        switch role {
        case .normal: return "."
        case .dim: return "d"
        case .border: return "b"
        case .borderFocused: return "B"
        case .title: return "t"
        case .titleFocused: return "T"
        case .userLabel: return "u"
        case .assistantLabel: return "a"
        case .userText: return "U"
        case .assistantText: return "A"
        case .errorText: return "E"
        case .warningText: return "W"
        case .selection: return "S"
        case .selectionUnfocused: return "s"
        case .statusBar: return "="
        case .statusAccent: return "!"
        case .sliderFilled: return "F"
        case .sliderEmpty: return "f"
        case .sliderUnset: return "x"
        case .valueSet: return "V"
        case .valueUnset: return "v"
        case .composer: return "c"
        case .cursor: return "|"
        case .code: return "k"
        case .overlay: return "o"
        case .overlayDim: return "q"
        case .overlayError: return "X"
        case .controlPicture: return "^"
        case .heading: return "H"
        case .link: return "L"
        case .linkURL: return "l"
        case .quote: return ">"
        case .listMarker: return "*"
        case .tableBorder: return "+"
        case .codeLabel: return "#"
        case .syntaxKeyword: return "K"
        case .syntaxType: return "Y"
        case .syntaxString: return "'"
        case .syntaxNumber: return "9"
        case .syntaxComment: return "/"
        case .syntaxMeta: return "@"
        case .diffAdded: return "+"
        case .diffRemoved: return "-"
        case .searchMatch: return "?"
        }
    }
}
